import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { redisScript, RedisUnavailableError, type Environment } from '@techtrek/platform';
import { Redis } from 'ioredis';
import { HintQuota, type QuotaDecision, type QuotaReservation } from '../../application/hint-quota.js';

/** Takes one unit if the day has one left; returns the units left after it, or -1. */
const RESERVE_SCRIPT = `
local limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ttl) end
if used > limit then
  redis.call('DECR', KEYS[1])
  return -1
end
return limit - used
`;

/** Gives a unit back, never below zero (a refund after the day's key expired is a no-op). */
const REFUND_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

const DAY_MS = 86_400_000;
/** A day's counter outlives its day by an hour, so a job settling just after midnight refunds the right day. */
const KEEP_PAST_MIDNIGHT_SECONDS = 3_600;

type QuotaCommand = (key: string, ...args: (string | number)[]) => Promise<number>;

/**
 * The daily hint quota as one Redis counter per learner and UTC day, changed only by Lua scripts
 * (atomic: concurrent reservations cannot overspend). Without Redis there is no hint queue either,
 * so a Redis error is a 503, not a quota bypass.
 */
@Injectable()
export class RedisHintQuota extends HintQuota {
  readonly dailyLimit: number;
  private readonly reserveCommand: QuotaCommand;
  private readonly refundCommand: QuotaCommand;

  constructor(
    private readonly redis: Redis,
    config: ConfigService<Environment, true>,
  ) {
    super();
    this.dailyLimit = config.get('HINT_DAILY_QUOTA', { infer: true });
    this.reserveCommand = redisScript(redis, 'techtrekHintQuotaReserve', RESERVE_SCRIPT, 1);
    this.refundCommand = redisScript(redis, 'techtrekHintQuotaRefund', REFUND_SCRIPT, 1);
  }

  async reserve(userId: number, now: Date): Promise<QuotaDecision> {
    const day = utcDay(now);
    const secondsLeft = secondsUntilNextUtcDay(now);
    const remaining = await this.unlessRedisFails(() =>
      this.reserveCommand(quotaKey(userId, day), this.dailyLimit, secondsLeft + KEEP_PAST_MIDNIGHT_SECONDS),
    );
    if (remaining < 0) return { granted: false, retryAfterSeconds: secondsLeft };
    return { granted: true, reservation: { userId, day, remaining } };
  }

  async refund({ userId, day }: Pick<QuotaReservation, 'userId' | 'day'>): Promise<void> {
    await this.unlessRedisFails(() => this.refundCommand(quotaKey(userId, day)));
  }

  async remaining(userId: number, now: Date): Promise<number> {
    const used = Number(await this.unlessRedisFails(() => this.redis.get(quotaKey(userId, utcDay(now)))));
    return Math.max(0, this.dailyLimit - used);
  }

  private async unlessRedisFails<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new RedisUnavailableError('Hints are unavailable for a moment; please try again shortly');
    }
  }
}

const quotaKey = (userId: number, day: string): string => `ai:quota:${userId}:${day}`;
const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

export function secondsUntilNextUtcDay(now: Date): number {
  const nextDay = Math.floor(now.getTime() / DAY_MS + 1) * DAY_MS;
  return Math.max(1, Math.ceil((nextDay - now.getTime()) / 1_000));
}
