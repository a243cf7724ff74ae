import { Injectable, Logger } from '@nestjs/common';
import { NotAuthenticatedError } from '../domain/auth.errors.js';
import type { UserRole } from '../domain/user-role.js';
import { SessionVersionCache, type CachedSession } from './session-version.cache.js';
import { SessionRepository } from './session.repository.js';
import type { AccessTokenClaims } from './token-services.js';

/** Who is calling: set on the request once the access token and its session check out. */
export interface Principal {
  userId: number;
  role: UserRole;
  sessionId: string;
}

/**
 * Every authenticated request: the token's session version must be the session's current one.
 * Redis answers in O(1); when it has nothing or is down, PostgreSQL answers (slower, still right).
 */
@Injectable()
export class SessionAuthenticator {
  private readonly logger = new Logger(SessionAuthenticator.name);

  constructor(
    private readonly sessionCache: SessionVersionCache,
    private readonly sessions: SessionRepository,
  ) {}

  async authenticate(claims: AccessTokenClaims): Promise<Principal> {
    const session = await this.currentSession(claims.sessionId);
    if (!session || session.revoked || session.version !== claims.sessionVersion) {
      throw new NotAuthenticatedError('This session has ended; sign in again');
    }
    return { userId: claims.userId, role: claims.role, sessionId: claims.sessionId };
  }

  private async currentSession(sessionId: string): Promise<CachedSession | undefined> {
    try {
      const cached = await this.sessionCache.get(sessionId);
      if (cached) return cached;
    } catch (error) {
      this.logger.warn(`Session cache unavailable, asking PostgreSQL: ${(error as Error).message}`);
      return this.sessions.find(sessionId);
    }
    const stored = await this.sessions.find(sessionId);
    if (stored) await this.sessionCache.rememberAll([stored]);
    return stored;
  }
}
