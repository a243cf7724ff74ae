import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccountsModule } from './accounts.module.js';
import { Clock, SystemClock } from '@techtrek/platform';
import { LogInUseCase } from './application/log-in.use-case.js';
import { LogOutUseCase } from './application/log-out.use-case.js';
import { GetMyProfileQuery, UpdateMyProfileUseCase } from './application/my-profile.use-cases.js';
import { RefreshSessionUseCase } from './application/refresh-session.use-case.js';
import { SessionAuthenticator } from './application/session-authenticator.js';
import { SessionStarter } from './application/session-starter.js';
import { SessionVersionCache } from './application/session-version.cache.js';
import { SessionRepository } from './application/session.repository.js';
import { SignUpUseCase } from './application/sign-up.use-case.js';
import { AccessTokenIssuer, RefreshTokenCodec } from './application/token-services.js';
import { RedisSessionVersionCache } from './infrastructure/cache/redis-session-version.cache.js';
import { TypeOrmSessionRepository } from './infrastructure/persistence/typeorm-session.repository.js';
import { JwtAccessTokenIssuer } from './infrastructure/security/jwt-access-token.issuer.js';
import { JwtSettings } from './infrastructure/security/jwt-settings.js';
import { OpaqueRefreshTokenCodec } from './infrastructure/security/opaque-refresh-token.codec.js';

/** Sessions and tokens on top of accounts: the use cases and their adapters, without routes. */
@Module({
  imports: [AccountsModule, JwtModule.register({})],
  providers: [
    SignUpUseCase,
    LogInUseCase,
    RefreshSessionUseCase,
    LogOutUseCase,
    GetMyProfileQuery,
    UpdateMyProfileUseCase,
    SessionStarter,
    SessionAuthenticator,
    JwtSettings,
    { provide: Clock, useClass: SystemClock },
    { provide: SessionRepository, useClass: TypeOrmSessionRepository },
    { provide: SessionVersionCache, useClass: RedisSessionVersionCache },
    { provide: AccessTokenIssuer, useClass: JwtAccessTokenIssuer },
    { provide: RefreshTokenCodec, useClass: OpaqueRefreshTokenCodec },
  ],
  exports: [
    SignUpUseCase,
    LogInUseCase,
    RefreshSessionUseCase,
    LogOutUseCase,
    GetMyProfileQuery,
    UpdateMyProfileUseCase,
    SessionAuthenticator,
    JwtSettings,
  ],
})
export class AuthModule {}
