import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { redisScript, type Environment } from '@techtrek/platform';
import { Redis } from 'ioredis';
import { SendRateLimiter } from '../../application/delivery/send-rate-limiter.js';

/**
 * A token bucket in Redis, on Redis' own clock (workers' clocks may disagree): `rate` tokens a
 * second, holding at most `capacity`. Grants what it has, up to `want`, and says how long until
 * the rest could be there. Returns {granted, waitMs}.
 */
const TAKE_SCRIPT = `
local rate, capacity, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], 60000)
local waitMs = 0
if granted < want then
  waitMs = math.ceil((math.min(want - granted, capacity) - tokens) * 1000 / rate)
end
return {granted, waitMs}
`;

const COMMAND = 'techtrekPushRateTake';
type TakeCommand = (key: string, rate: number, capacity: number, want: number) => Promise<[number, number]>;

/** A tenth of a second's worth: any one-second window carries at most 1.1 × the rate. */
export const bucketCapacity = (ratePerSecond: number): number => Math.max(1, Math.ceil(ratePerSecond / 10));

/**
 * PUSH_RATE_PER_SECOND across every worker (keys under REDIS_KEY_PREFIX, through the app's Redis
 * client). A caller that finds the bucket empty sleeps until its tokens could be there and asks
 * again, so a burst of batches is spread out instead of refused. A Redis error rejects: the batch
 * then fails as transient and its jobs retry.
 */
@Injectable()
export class RedisSendRateLimiter extends SendRateLimiter {
  private readonly rate: number;
  private readonly capacity: number;
  private readonly take: TakeCommand;

  constructor(redis: Redis, config: ConfigService<Environment, true>) {
    super();
    this.rate = config.get('PUSH_RATE_PER_SECOND', { infer: true });
    this.capacity = bucketCapacity(this.rate);
    this.take = redisScript(redis, COMMAND, TAKE_SCRIPT, 1);
  }

  async acquire(count: number): Promise<void> {
    let missing = count;
    while (missing > 0) {
      const [granted, waitMs] = await this.take('push-rate', this.rate, this.capacity, missing);
      missing -= granted;
      if (missing > 0) await sleep(Math.max(waitMs, 1));
    }
  }
}
