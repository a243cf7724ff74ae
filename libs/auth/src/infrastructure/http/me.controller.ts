import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetMyProfileQuery, UpdateMyProfileUseCase } from '../../application/my-profile.use-cases.js';
import type { Principal } from '../../application/session-authenticator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { UpdateProfileRequestDto } from './dto/auth-requests.dto.js';
import type { UserProfileDto } from './dto/auth-responses.dto.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly getProfile: GetMyProfileQuery,
    private readonly updateProfile: UpdateMyProfileUseCase,
  ) {}

  /** The signed-in account. */
  @Get()
  me(@CurrentPrincipal() principal: Principal): Promise<UserProfileDto> {
    return this.getProfile.execute(principal.userId);
  }

  /** Changes the username and/or timezone. */
  @Patch()
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateProfileRequestDto): Promise<UserProfileDto> {
    return this.updateProfile.execute({ userId: principal.userId, ...body });
  }
}
