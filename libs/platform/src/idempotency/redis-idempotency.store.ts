import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import { redisScript } from '../redis/redis-script.js';

/** A response as it was sent: replayed byte for byte. No body means an empty one. */
export interface StoredResponse {
  status: number;
  contentType?: string;
  body?: string;
}

export type IdempotencyRecord =
  | { state: 'in-flight'; fingerprint: string; owner: string }
  | ({ state: 'completed'; fingerprint: string } & StoredResponse);

export type Reservation =
  { kind: 'reserved'; token: string } | { kind: 'existing'; record: IdempotencyRecord } | { kind: 'unavailable' };

/**
 * Long enough for any handler we have (they answer in well under a second); short, because a process
 * that dies mid-request leaves its reservation behind and the client gets 409 until it expires.
 */
const IN_FLIGHT_TTL_MS = 30_000;
const COMPLETED_TTL_MS = 24 * 60 * 60 * 1000;
const COMMAND_TIMEOUT_MS = 1_000;
/** After a failed call, skip Redis this long, so a hung server does not add a timeout to every request. */
const RETRY_REDIS_AFTER_MS = 1_000;

/** SET NX that also returns what holds the key, in one round trip (SET … NX GET needs Redis 7). */
const RESERVE_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;

/**
 * Replaces (or, given an empty value, deletes) the reservation only if it is still ours: one whose
 * in-flight time ran out may already belong to a retry, which must not be overwritten.
 */
const FINISH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1
`;

const RESERVE = 'techtrekIdempotencyReserve';
const FINISH = 'techtrekIdempotencyFinish';
type Script = (key: string, ...args: (string | number)[]) => Promise<string | number | null>;

const logger = new Logger('Idempotency');
// Process-wide, so every route using the interceptor together logs at most one warning per 30 s.
const warnings = new ThrottledWarnings(logger);

/**
 * Idempotency records in the shared application Redis. Every failure to reach Redis degrades to
 * "no idempotency" with a throttled warning and is never thrown: a retry-safety feature must not
 * turn a Redis outage into failed writes.
 */
export class RedisIdempotencyStore {
  private redisRetryAt = 0;

  constructor(private readonly redis: Redis) {
    redisScript(redis, RESERVE, RESERVE_SCRIPT, 1);
    redisScript(redis, FINISH, FINISH_SCRIPT, 1);
  }

  async reserve(key: string, fingerprint: string): Promise<Reservation> {
    const token = JSON.stringify({ state: 'in-flight', fingerprint, owner: randomUUID() } satisfies IdempotencyRecord);
    const existing = await this.call(RESERVE, key, token, IN_FLIGHT_TTL_MS);
    if (existing === undefined) return { kind: 'unavailable' };
    if (existing === null) return { kind: 'reserved', token };
    return { kind: 'existing', record: JSON.parse(String(existing)) as IdempotencyRecord };
  }

  async complete(key: string, token: string, fingerprint: string, response: StoredResponse): Promise<void> {
    const record: IdempotencyRecord = { state: 'completed', fingerprint, ...response };
    await this.call(FINISH, key, token, JSON.stringify(record), COMPLETED_TTL_MS);
  }

  /** Frees the key so the client may retry it; if Redis is gone, the reservation just expires. */
  async release(key: string, token: string): Promise<void> {
    await this.call(FINISH, key, token, '', 0);
  }

  /** The script's answer, or undefined when Redis could not give one. */
  private async call(script: string, key: string, ...args: (string | number)[]) {
    if (this.redis.status !== 'ready') return this.unavailable(`connection ${this.redis.status}`);
    if (Date.now() < this.redisRetryAt) return undefined;
    const command = (this.redis as unknown as Record<string, Script>)[script].bind(this.redis);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    });
    try {
      return await Promise.race([command(key, ...args), timeout]);
    } catch (error) {
      this.redisRetryAt = Date.now() + RETRY_REDIS_AFTER_MS;
      return this.unavailable(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private unavailable(reason: string): undefined {
    warnings.warn('unavailable', `Redis unavailable for idempotency keys (${reason}); requests run without them`);
    return undefined;
  }
}
