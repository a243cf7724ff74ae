import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { SessionVersionCache, type CachedSession } from '../../application/session-version.cache.js';
import type { SessionState } from '../../application/session.repository.js';

/** Bounds how long an entry written before an unnoticed Redis outage can be stale. */
const TTL_SECONDS = 60;

/**
 * Only ever raises the stored version: a request that read an older state from PostgreSQL can
 * never overwrite a newer one written by a logout that raced it.
 */
const REMEMBER_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(string.match(current, '^(%d+)')) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'EX', ARGV[3])
return 1`;

@Injectable()
export class RedisSessionVersionCache extends SessionVersionCache {
  constructor(private readonly redis: Redis) {
    super();
  }

  async get(sessionId: string): Promise<CachedSession | undefined> {
    const value = await this.redis.get(this.key(sessionId));
    if (!value) return undefined;
    const [version, revoked] = value.split(':');
    return { version: Number(version), revoked: revoked === '1' };
  }

  async remember(session: SessionState): Promise<void> {
    await this.redis.eval(
      REMEMBER_IF_NEWER,
      1,
      this.key(session.sessionId),
      session.version,
      session.revoked ? '1' : '0',
      TTL_SECONDS,
    );
  }

  private key(sessionId: string): string {
    return `session:${sessionId}`;
  }
}
