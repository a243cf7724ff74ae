import { Module } from '@nestjs/common';
import { outboxEvents } from '@techtrek/platform';
import { AccountsModule } from './accounts.module.js';
import { PrivacyModule } from './privacy.module.js';
import { ChangePasswordUseCase } from './application/change-password.use-case.js';
import { ChangeRoleUseCase } from './application/change-role.use-case.js';
import { RequestPasswordResetUseCase, ResetPasswordUseCase } from './application/password-reset.use-cases.js';
import { PasswordResetRepository, ResetCodeHasher } from './application/password-reset.repository.js';
import {
  ACCOUNT_DELETED_EVENT,
  DeleteMyAccountUseCase,
  ExportMyDataQuery,
} from './application/privacy/account-privacy.use-cases.js';
import { mailerProvider } from './infrastructure/mail/mailer.provider.js';
import { sqlPersonalDataSection } from './infrastructure/persistence/sql-personal-data-section.js';
import { TypeOrmPasswordResetRepository } from './infrastructure/persistence/typeorm-password-reset.repository.js';
import { HmacResetCodeHasher } from './infrastructure/security/hmac-reset-code.hasher.js';
import { LogInUseCase } from './application/log-in.use-case.js';
import { LogOutUseCase } from './application/log-out.use-case.js';
import { NewPasswordPolicy } from './application/new-password-policy.js';
import {
  GetMyProfileQuery,
  TIME_ZONE_CHANGED_EVENT,
  UpdateMyProfileUseCase,
} from './application/my-profile.use-cases.js';
import { RefreshSessionUseCase } from './application/refresh-session.use-case.js';
import { SessionAuthenticator } from './application/session-authenticator.js';
import { SessionStarter } from './application/session-starter.js';
import { SessionVersionCache } from './application/session-version.cache.js';
import { SessionRepository } from './application/session.repository.js';
import { SIGNED_UP_EVENT, SignUpUseCase } from './application/sign-up.use-case.js';
import { AccessTokenIssuer, RefreshTokenCodec } from './application/token-services.js';
import { RedisSessionVersionCache } from './infrastructure/cache/redis-session-version.cache.js';
import { TypeOrmSessionRepository } from './infrastructure/persistence/typeorm-session.repository.js';
import { JwtAccessTokenIssuer } from './infrastructure/security/jwt-access-token.issuer.js';
import { JwtSettings } from './infrastructure/security/jwt-settings.js';
import { OpaqueRefreshTokenCodec } from './infrastructure/security/opaque-refresh-token.codec.js';

/** What the HTTP layer calls. */
const USE_CASES = [
  SignUpUseCase,
  LogInUseCase,
  RefreshSessionUseCase,
  LogOutUseCase,
  GetMyProfileQuery,
  UpdateMyProfileUseCase,
  ChangePasswordUseCase,
  ChangeRoleUseCase,
  RequestPasswordResetUseCase,
  ResetPasswordUseCase,
  ExportMyDataQuery,
  DeleteMyAccountUseCase,
];

/** Sessions and tokens on top of accounts: the use cases and their adapters, without routes. */
@Module({
  imports: [AccountsModule, PrivacyModule],
  providers: [
    ...USE_CASES,
    outboxEvents(ACCOUNT_DELETED_EVENT, TIME_ZONE_CHANGED_EVENT, SIGNED_UP_EVENT),
    sqlPersonalDataSection(
      'sessions',
      `SELECT session_id AS "sessionId", created_at AS "createdAt", last_refreshed_at AS "lastRefreshedAt",
              revoked_at AS "revokedAt", revoked_reason AS "revokedReason"
       FROM sessions WHERE user_id = $1 ORDER BY created_at`,
    ),
    SessionStarter,
    NewPasswordPolicy,
    SessionAuthenticator,
    mailerProvider,
    { provide: PasswordResetRepository, useClass: TypeOrmPasswordResetRepository },
    { provide: ResetCodeHasher, useClass: HmacResetCodeHasher },
    JwtSettings,
    { provide: SessionRepository, useClass: TypeOrmSessionRepository },
    { provide: SessionVersionCache, useClass: RedisSessionVersionCache },
    { provide: AccessTokenIssuer, useClass: JwtAccessTokenIssuer },
    { provide: RefreshTokenCodec, useClass: OpaqueRefreshTokenCodec },
  ],
  exports: [...USE_CASES, SessionAuthenticator, JwtSettings],
})
export class AuthModule {}
