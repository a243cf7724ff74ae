import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';

/** What `@nestjs/throttler` expects back from a storage; times in whole seconds. */
export interface RateLimitHit {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * One hit, atomically: a fixed window (INCR, PEXPIRE on the first hit) plus a block key. As in the
 * throttler's in-memory storage: the hit over the limit starts a block of `blockDuration`, blocked
 * requests are not counted, and the count starts again when the block ends. With no block duration
 * a hit over the limit is refused without being counted. Returns [hits, msToExpire, blocked, msToBlockExpire].
 */
const HIT_SCRIPT = `
local hitsKey, blockKey = KEYS[1], KEYS[2]
local ttl, limit, blockDuration = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local blockLeft = redis.call('PTTL', blockKey)
if blockLeft > 0 then
  return {tonumber(redis.call('GET', blockKey)) or limit + 1, blockLeft, 1, blockLeft}
end
if blockDuration <= 0 then
  local current = tonumber(redis.call('GET', hitsKey)) or 0
  local left = redis.call('PTTL', hitsKey)
  if current >= limit and left > 0 then
    return {current + 1, left, 1, left}
  end
end
local hits = redis.call('INCR', hitsKey)
local left = redis.call('PTTL', hitsKey)
if left < 0 then
  redis.call('PEXPIRE', hitsKey, ttl)
  left = ttl
end
if blockDuration > 0 and hits > limit then
  redis.call('SET', blockKey, hits, 'PX', blockDuration)
  redis.call('DEL', hitsKey)
  return {hits, blockDuration, 1, blockDuration}
end
return {hits, left, 0, 0}
`;

const COMMAND = 'techtrekRateLimitHit';
const COMMAND_TIMEOUT_MS = 1_000;
/** After a failed call, skip Redis this long, so a hung server does not add a timeout to every request. */
const RETRY_REDIS_AFTER_MS = 1_000;

type HitCommand = (
  hitsKey: string,
  blockKey: string,
  ttl: number,
  limit: number,
  blockDuration: number,
) => Promise<[number, number, number, number]>;

/**
 * Rate-limit counters in the shared application Redis, so every API instance counts the same
 * hits. Keys are `<REDIS_KEY_PREFIX>rate-limit:<throttler>:<sha256 of the key>`: bounded length, and
 * no email address or IP stored in clear.
 *
 * When Redis cannot answer, hits are counted in this process instead (the throttler's own in-memory
 * storage) and a warning is logged at most every 30 s: limits then hold per instance rather than
 * globally. That is the chosen degradation; rate limiting must never turn into errors or an outage.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new ThrottlerStorageService();
  private redisRetryAt = 0;
  private readonly warnings = new ThrottledWarnings(this.logger);
  private degraded = false;

  constructor(private readonly redis: Redis) {
    if (typeof (redis as unknown as Record<string, unknown>)[COMMAND] !== 'function') {
      redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: HIT_SCRIPT });
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitHit> {
    const storageKey = `rate-limit:${throttlerName.replace(/[^\w-]/g, '_')}:${digest(key)}`;
    if (this.redis.status !== 'ready') {
      this.warn(`connection ${this.redis.status}`);
    } else if (Date.now() >= this.redisRetryAt) {
      try {
        const result = await this.hitInRedis(storageKey, ttl, limit, blockDuration);
        this.recovered();
        return result;
      } catch (error) {
        this.redisRetryAt = Date.now() + RETRY_REDIS_AFTER_MS;
        this.warn(error instanceof Error ? error.message : String(error));
      }
    }
    return this.fallback.increment(storageKey, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }

  private async hitInRedis(storageKey: string, ttl: number, limit: number, blockDuration: number) {
    const command = (this.redis as unknown as Record<string, HitCommand>)[COMMAND].bind(this.redis);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    });
    try {
      const [totalHits, msToExpire, blocked, msToBlockExpire] = await Promise.race([
        command(storageKey, `${storageKey}:block`, Math.ceil(ttl), limit, Math.ceil(blockDuration)),
        timeout,
      ]);
      return {
        totalHits: Number(totalHits),
        timeToExpire: Math.ceil(Number(msToExpire) / 1000),
        isBlocked: Number(blocked) === 1,
        timeToBlockExpire: Math.ceil(Number(msToBlockExpire) / 1000),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(reason: string): void {
    this.degraded = true;
    this.warnings.warn(
      'unavailable',
      `Redis unavailable for rate limits (${reason}); counting per instance until it is back`,
    );
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('Redis is back; rate limits are shared by every instance again');
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
