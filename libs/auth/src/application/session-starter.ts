import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, type Environment } from '@techtrek/platform';
import { toProfile, type AuthResult } from './auth-result.js';
import { SessionRepository } from './session.repository.js';
import { AccessTokenIssuer, RefreshTokenCodec } from './token-services.js';
import type { UserAccount } from './user-account.repository.js';

const DAY_MS = 24 * 3600 * 1000;

/** Signs a user in on a new device: a session, its first refresh token and an access token. */
@Injectable()
export class SessionStarter {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenCodec,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async start(account: UserAccount): Promise<AuthResult> {
    const refresh = this.refreshTokens.generate();
    const session = await this.sessions.start(account.id, { hash: refresh.hash, expiresAt: this.refreshExpiry() });
    const access = this.accessTokens.issue({
      userId: account.id,
      role: account.role,
      sessionId: session.sessionId,
      sessionVersion: session.version,
    });
    return { user: toProfile(account), refreshToken: refresh.token, ...access };
  }

  refreshExpiry(): Date {
    return new Date(
      this.clock.now().getTime() + this.config.get('AUTH_REFRESH_TOKEN_TTL_DAYS', { infer: true }) * DAY_MS,
    );
  }
}
