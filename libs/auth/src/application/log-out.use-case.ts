import { Injectable } from '@nestjs/common';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository, type SessionState } from './session.repository.js';

export interface LogOutInput {
  userId: number;
  sessionId: string;
  scope: 'current' | 'global';
}

/** Ends the current session, or every session of the user; their access tokens die at once. */
@Injectable()
export class LogOutUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
  ) {}

  async execute(input: LogOutInput): Promise<void> {
    const ended =
      input.scope === 'global'
        ? await this.sessions.revokeAllOfUser(input.userId, 'global logout')
        : [await this.sessions.revoke(input.sessionId, 'logout')].filter((s): s is SessionState => Boolean(s));
    await this.sessionCache.rememberAll(ended);
  }
}
