import type { SessionState } from './session.repository.js';

export type CachedSession = Pick<SessionState, 'version' | 'revoked'>;

/**
 * The O(1) per-request check (Redis). `get` answers `undefined` when nothing is cached and throws
 * when the cache is unreachable; callers then ask PostgreSQL. Never a reason to let a token through.
 */
export abstract class SessionVersionCache {
  abstract get(sessionId: string): Promise<CachedSession | undefined>;
  abstract remember(session: SessionState): Promise<void>;

  /** Best effort after a change: PostgreSQL stays the truth, and a missed write expires with its TTL. */
  async rememberAll(sessions: SessionState[]): Promise<void> {
    await Promise.all(sessions.map((session) => this.remember(session).catch(() => undefined)));
  }
}
