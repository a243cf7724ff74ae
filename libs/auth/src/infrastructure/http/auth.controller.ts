import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthRateLimit, Public, ApiProblemResponses } from '@techtrek/platform';
import { ChangePasswordUseCase } from '../../application/change-password.use-case.js';
import { LogInUseCase } from '../../application/log-in.use-case.js';
import { LogOutUseCase } from '../../application/log-out.use-case.js';
import { RequestPasswordResetUseCase, ResetPasswordUseCase } from '../../application/password-reset.use-cases.js';
import { RefreshSessionUseCase } from '../../application/refresh-session.use-case.js';
import type { Principal } from '../../application/session-authenticator.js';
import { SignUpUseCase } from '../../application/sign-up.use-case.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import {
  ChangePasswordRequestDto,
  ForgotPasswordRequestDto,
  LogInRequestDto,
  LogOutQueryDto,
  RefreshRequestDto,
  ResetPasswordRequestDto,
  SignUpRequestDto,
} from './dto/auth-requests.dto.js';
import type { AuthResponseDto } from './dto/auth-responses.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signUp: SignUpUseCase,
    private readonly logIn: LogInUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly logOut: LogOutUseCase,
    private readonly changePasswordUseCase: ChangePasswordUseCase,
    private readonly requestPasswordReset: RequestPasswordResetUseCase,
    private readonly resetPasswordUseCase: ResetPasswordUseCase,
  ) {}

  /** Creates a learner account and signs it in. */
  @Public()
  @AuthRateLimit()
  @Post('signup')
  @ApiProblemResponses(409)
  signup(@Body() body: SignUpRequestDto): Promise<AuthResponseDto> {
    return this.signUp.execute(body);
  }

  /** Signs in; unknown email and wrong password answer the same 401. */
  @Public()
  @AuthRateLimit()
  @Post('login')
  @ApiProblemResponses(401)
  @HttpCode(200)
  login(@Body() body: LogInRequestDto): Promise<AuthResponseDto> {
    return this.logIn.execute(body);
  }

  /**
   * Exchanges a refresh token for a new pair. Presented again within a few seconds (parallel
   * requests), it returns the same new pair; later, the session is ended as compromised.
   */
  @Public()
  @Post('refresh')
  @ApiProblemResponses(401)
  @HttpCode(200)
  refresh(@Body() body: RefreshRequestDto): Promise<AuthResponseDto> {
    return this.refreshSession.execute(body.refreshToken);
  }

  /** Changes the password; every other session of the account ends. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordRequestDto,
  ): Promise<void> {
    await this.changePasswordUseCase.execute({ userId: principal.userId, sessionId: principal.sessionId, ...body });
  }

  /** Mails a 6-digit reset code if the email has an account. Always 202: it reveals nothing. */
  @Public()
  @AuthRateLimit()
  @Post('password/forgot')
  @HttpCode(202)
  async forgotPassword(@Body() body: ForgotPasswordRequestDto): Promise<void> {
    await this.requestPasswordReset.execute(body.email);
  }

  /** Sets a new password with the mailed code (15 minutes, 5 tries); every session ends. */
  @Public()
  @AuthRateLimit()
  @Post('password/reset')
  @HttpCode(204)
  async resetPassword(@Body() body: ResetPasswordRequestDto): Promise<void> {
    await this.resetPasswordUseCase.execute(body);
  }

  /** Ends this session (or, with `scope=global`, all of them): their tokens stop working at once. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Query() query: LogOutQueryDto): Promise<void> {
    await this.logOut.execute({
      userId: principal.userId,
      sessionId: principal.sessionId,
      scope: query.scope ?? 'current',
    });
  }
}
