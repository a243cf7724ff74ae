import { Body, Controller, Param, ParseIntPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChangeRoleUseCase } from '../../application/change-role.use-case.js';
import type { Principal } from '../../application/session-authenticator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { ChangeRoleRequestDto } from './dto/auth-requests.dto.js';
import type { UserProfileDto } from './dto/auth-responses.dto.js';
import { Roles } from './roles.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly changeRole: ChangeRoleUseCase) {}

  /** Promotes or demotes another user (never yourself); their current tokens stop working at once. */
  @Patch(':id/role')
  role(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ChangeRoleRequestDto,
  ): Promise<UserProfileDto> {
    return this.changeRole.execute({ actingUserId: principal.userId, targetUserId: id, role: body.role });
  }
}
