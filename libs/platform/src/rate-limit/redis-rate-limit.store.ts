import { createHash } from 'node:crypto';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import { redisScript } from '../redis/redis-script.js';
import { LocalAllowances, type Grant, type LocalDecision } from './local-allowances.js';

/** One hit to count against one limiter. */
export interface RateLimitHit {
  /** `default`, `auth-ip`, `auth-email`. */
  limiter: string;
  /** Who is counted: `ip:203.0.113.7`, `user:42`, `email:…`. */
  tracker: string;
  limit: number;
  ttlMs: number;
  /** How long a client that went over stays refused; 0: until the window ends. */
  blockMs: number;
  /** The most hits one lease may hold; 1 counts every hit in Redis at once (ADR 0008). */
  maxLease: number;
}

/** What the guard reports for one hit; times in whole seconds. */
export interface RateLimitOutcome {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Takes leases for several keys in one round trip, in order, stopping at the first key that refuses
 * (later keys are then not counted, as when each limiter was asked in turn). Per key: a fixed
 * window (INCRBY, PEXPIRE on the first hit) plus a block key. A lease is at most what is left under
 * the limit, so the hits granted in a window never exceed it. The hit over the limit starts a
 * block of `blockDuration` (the window's count starts again after it); with no block duration it
 * is refused, uncounted, until the window ends. Returns 5 numbers per key: counted hits, ms to
 * the window's end, blocked (0/1), ms to the block's end, hits granted.
 */
const LEASE_SCRIPT = `
local result = {}
for i = 1, #KEYS / 2 do
  local hitsKey, blockKey = KEYS[2 * i - 1], KEYS[2 * i]
  local base = (i - 1) * 4
  local ttl, limit = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
  local blockDuration, want = tonumber(ARGV[base + 3]), tonumber(ARGV[base + 4])
  local blockLeft = redis.call('PTTL', blockKey)
  if blockLeft > 0 then
    local blocked = tonumber(redis.call('GET', blockKey)) or limit + 1
    for _, value in ipairs({blocked, blockLeft, 1, blockLeft, 0}) do table.insert(result, value) end
    return result
  end
  local current = tonumber(redis.call('GET', hitsKey)) or 0
  local left = redis.call('PTTL', hitsKey)
  if current >= limit then
    if blockDuration > 0 then
      redis.call('SET', blockKey, current + 1, 'PX', blockDuration)
      redis.call('DEL', hitsKey)
      left = blockDuration
    elseif left <= 0 then
      redis.call('PEXPIRE', hitsKey, ttl)
      left = ttl
    end
    for _, value in ipairs({current + 1, left, 1, left, 0}) do table.insert(result, value) end
    return result
  end
  local granted = math.min(want, limit - current)
  local hits = redis.call('INCRBY', hitsKey, granted)
  if left <= 0 then
    redis.call('PEXPIRE', hitsKey, ttl)
    left = ttl
  end
  for _, value in ipairs({hits, left, 0, 0, granted}) do table.insert(result, value) end
end
return result
`;

const COMMAND = 'techtrekRateLimitLease';
const COMMAND_TIMEOUT_MS = 1_000;
/** After a failed call, skip Redis this long, so a hung server does not add a timeout to every request. */
const RETRY_REDIS_AFTER_MS = 1_000;

type LeaseCommand = (...keysThenArgs: (string | number)[]) => Promise<number[]>;

const localKey = (hit: RateLimitHit): string => `${hit.limiter}:${hit.tracker}`;
const seconds = (ms: number): number => Math.ceil(ms / 1000);
const toOutcome = (decision: LocalDecision): RateLimitOutcome => ({
  totalHits: decision.totalHits,
  timeToExpire: seconds(decision.msToExpire),
  isBlocked: decision.isBlocked,
  timeToBlockExpire: seconds(decision.msToBlockExpire),
});

/**
 * Rate-limit counters shared by every API instance through Redis, without a round trip per request
 * (ADR 0008): Redis hands each instance leases of hits (counted when granted) and this instance
 * spends them locally, knows blocks until they end, and asks again when a lease is spent or its
 * window is over. All keys a request needs go in one script call. Keys are
 * `<REDIS_KEY_PREFIX>rate-limit:<limiter>:<sha256 of the tracker>`: bounded length, and no email
 * address or IP stored in clear.
 *
 * When Redis cannot answer, hits are counted in this process instead (the throttler's in-memory
 * storage) and a warning is logged at most every 30 s: limits then hold per instance rather than
 * globally. Rate limiting must never turn into errors or an outage.
 */
export class RedisRateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new ThrottlerStorageService();
  private readonly warnings = new ThrottledWarnings(this.logger);
  private readonly allowances: LocalAllowances;
  private readonly lease: LeaseCommand;
  /** Refills in flight per key: concurrent requests of one client wait for one lease, not one each. */
  private readonly refills = new Map<string, Promise<unknown>>();
  private redisRetryAt = 0;
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    now: () => number = Date.now,
  ) {
    this.allowances = new LocalAllowances(now);
    this.lease = redisScript<LeaseCommand>(redis, COMMAND, LEASE_SCRIPT);
  }

  /**
   * Counts the hits in order and returns one outcome each, ending at the first refusal. Synchronous
   * when this instance's leases and blocks decide every hit, which is the common case.
   */
  hitAll(hits: readonly RateLimitHit[]): RateLimitOutcome[] | Promise<RateLimitOutcome[]> {
    return this.decide(hits, 0, []);
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }

  private decide(
    hits: readonly RateLimitHit[],
    from: number,
    outcomes: RateLimitOutcome[],
  ): RateLimitOutcome[] | Promise<RateLimitOutcome[]> {
    for (let index = from; index < hits.length; index++) {
      const decision = this.allowances.take(localKey(hits[index]));
      if (decision === undefined) return this.refill(hits, index, outcomes);
      outcomes.push(toOutcome(decision));
      if (decision.isBlocked) return outcomes;
    }
    return outcomes;
  }

  private async refill(
    hits: readonly RateLimitHit[],
    from: number,
    outcomes: RateLimitOutcome[],
  ): Promise<RateLimitOutcome[]> {
    const rest = hits.slice(from);
    const inFlight = rest.map((hit) => this.refills.get(localKey(hit))).filter((refill) => refill !== undefined);
    if (inFlight.length > 0) {
      await Promise.all(inFlight);
      return this.decide(hits, from, outcomes);
    }
    const asked = rest.map((hit) => this.allowances.leaseToAsk(localKey(hit), hit.maxLease));
    const reply = this.askRedis(rest, asked);
    const settled = reply.then(() => undefined);
    for (const hit of rest) this.refills.set(localKey(hit), settled);
    let grants: number[] | undefined;
    try {
      grants = await reply;
    } finally {
      for (const hit of rest) if (this.refills.get(localKey(hit)) === settled) this.refills.delete(localKey(hit));
    }
    if (grants === undefined) return this.countInProcess(rest, outcomes);
    for (let index = 0; index < rest.length && index * 5 < grants.length; index++) {
      const [countedHits, msToExpire, blocked, msToBlockExpire, granted] = grants.slice(index * 5, index * 5 + 5);
      const grant: Grant = { countedHits, msToExpire, isBlocked: blocked === 1, msToBlockExpire, granted };
      const decision = this.allowances.record(localKey(rest[index]), grant, rest[index].maxLease);
      outcomes.push(toOutcome(decision));
      if (decision.isBlocked) break;
    }
    return outcomes;
  }

  /** Redis' grants as numbers, or `undefined` when it cannot answer (never rejects). */
  private async askRedis(hits: readonly RateLimitHit[], asked: number[]): Promise<number[] | undefined> {
    if (this.redis.status !== 'ready') {
      this.warn(`connection ${this.redis.status}`);
      return undefined;
    }
    if (Date.now() < this.redisRetryAt) return undefined;
    const keys = hits.flatMap((hit) => {
      const key = `rate-limit:${hit.limiter.replace(/[^\w-]/g, '_')}:${digest(hit.tracker)}`;
      return [key, `${key}:block`];
    });
    const args = hits.flatMap((hit, index) => [Math.ceil(hit.ttlMs), hit.limit, Math.ceil(hit.blockMs), asked[index]]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    });
    try {
      const reply = await Promise.race([this.lease(keys.length, ...keys, ...args), timeout]);
      this.recovered();
      return reply.map(Number);
    } catch (error) {
      this.redisRetryAt = Date.now() + RETRY_REDIS_AFTER_MS;
      this.warn(error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private async countInProcess(hits: readonly RateLimitHit[], outcomes: RateLimitOutcome[]) {
    for (const hit of hits) {
      const key = `rate-limit:${localKey(hit)}`;
      const outcome = await this.fallback.increment(key, hit.ttlMs, hit.limit, hit.blockMs, hit.limiter);
      outcomes.push(outcome);
      if (outcome.isBlocked) break;
    }
    return outcomes;
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

function digest(tracker: string): string {
  return createHash('sha256').update(tracker).digest('base64url');
}
