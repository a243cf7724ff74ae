import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, type Environment } from '@techtrek/platform';
import { AccountNotFoundError, InvalidRefreshTokenError } from '../domain/auth.errors.js';
import { decideRefresh } from '../domain/refresh-token-state.js';
import { toProfile, type AuthResult } from './auth-result.js';
import { SessionStarter } from './session-starter.js';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository, type LockedRefreshToken, type RefreshTransaction } from './session.repository.js';
import { AccessTokenIssuer, RefreshTokenCodec } from './token-services.js';
import { UserAccountRepository } from './user-account.repository.js';

type Outcome = { result: AuthResult } | { revokedSession: string } | { rejected: true };

/**
 * Rotates a refresh token (docs/adr/0004). The decision and every write happen under the token's
 * row lock; a session revoked for reuse is committed before the 401 is thrown.
 */
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly accounts: UserAccountRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenCodec,
    private readonly sessionStarter: SessionStarter,
    private readonly sessionCache: SessionVersionCache,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(refreshToken: string): Promise<AuthResult> {
    const outcome = await this.sessions.withLockedRefreshToken(this.refreshTokens.hash(refreshToken), (token, tx) =>
      this.decide(refreshToken, token, tx),
    );
    if ('result' in outcome) return outcome.result;
    if ('revokedSession' in outcome) {
      const session = await this.sessions.find(outcome.revokedSession);
      if (session) await this.sessionCache.rememberAll([session]);
    }
    throw new InvalidRefreshTokenError();
  }

  private async decide(
    presented: string,
    token: LockedRefreshToken | undefined,
    tx: RefreshTransaction,
  ): Promise<Outcome> {
    const grace = this.config.get('AUTH_REFRESH_REUSE_GRACE_SECONDS', { infer: true });
    const decision = decideRefresh(
      token && {
        expiresAt: token.expiresAt,
        usedAt: token.usedAt,
        sessionRevoked: token.sessionRevoked,
        hasSuccessor: token.successorCiphertext !== null,
      },
      this.clock.now(),
      grace,
    );
    switch (decision.action) {
      case 'rotate':
        return { result: await this.rotate(presented, token!, tx) };
      case 'replay-successor':
        return { result: JSON.parse(this.refreshTokens.open(token!.successorCiphertext!, presented)) as AuthResult };
      case 'revoke-session':
        await tx.revokeSession('refresh token reuse');
        return { revokedSession: token!.sessionId };
      case 'reject':
        return { rejected: true };
    }
  }

  private async rotate(presented: string, token: LockedRefreshToken, tx: RefreshTransaction): Promise<AuthResult> {
    const account = await this.accounts.findById(token.userId);
    if (!account) throw new AccountNotFoundError();
    const next = this.refreshTokens.generate();
    await tx.addRefreshToken({ hash: next.hash, expiresAt: this.sessionStarter.refreshExpiry() });
    const access = this.accessTokens.issue({
      userId: account.id,
      role: account.role,
      sessionId: token.sessionId,
      sessionVersion: token.sessionVersion,
    });
    const result: AuthResult = { user: toProfile(account), refreshToken: next.token, ...access };
    await tx.markUsed(this.refreshTokens.seal(JSON.stringify(result), presented));
    return result;
  }
}
