import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { ChangeRoleUseCase } from '../../application/change-role.use-case.js';
import type { Principal } from '../../application/session-authenticator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { ChangeRoleRequestDto } from './dto/auth-requests.dto.js';
import type { UserProfileDto } from './dto/auth-responses.dto.js';
import { Roles } from './roles.js';
import { ApiProblemResponses, integerIdPipe } from '@techtrek/platform';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
@ApiProblemResponses(403)
export class AdminUsersController {
  constructor(private readonly changeRole: ChangeRoleUseCase) {}

  /** Promotes or demotes another user (never yourself); their current tokens stop working at once. */
  @Patch(':id/role')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 42 })
  role(
    @CurrentPrincipal() principal: Principal,
    @Param('id', integerIdPipe()) id: number,
    @Body() body: ChangeRoleRequestDto,
  ): Promise<UserProfileDto> {
    return this.changeRole.execute({ actingUserId: principal.userId, targetUserId: id, role: body.role });
  }
}
