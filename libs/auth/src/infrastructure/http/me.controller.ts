import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetMyProfileQuery, UpdateMyProfileUseCase } from '../../application/my-profile.use-cases.js';
import type { Principal } from '../../application/session-authenticator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { DeleteAccountRequestDto, UpdateProfileRequestDto } from './dto/auth-requests.dto.js';
import { DeleteMyAccountUseCase, ExportMyDataQuery } from '../../application/privacy/account-privacy.use-cases.js';
import type { UserProfileDto } from './dto/auth-responses.dto.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly getProfile: GetMyProfileQuery,
    private readonly updateProfile: UpdateMyProfileUseCase,
    private readonly exportMyData: ExportMyDataQuery,
    private readonly deleteMyAccount: DeleteMyAccountUseCase,
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

  /** Everything stored about you, as one JSON document (right of access). */
  @Get('export')
  export(@CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.exportMyData.execute(principal.userId);
  }

  /** Erases the account and all its data at once; its tokens stop working. Confirms with the password. */
  @Delete()
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: DeleteAccountRequestDto): Promise<void> {
    await this.deleteMyAccount.execute(principal.userId, body.password);
  }
}
