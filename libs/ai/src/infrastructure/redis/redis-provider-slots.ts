import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { redisScript, type Environment } from '@techtrek/platform';
import { Redis } from 'ioredis';
import { ProviderSlots, type SlotRelease } from '../../application/provider-slots.js';
import type { ModelProviderName } from '../../domain/provider-name.js';

/**
 * A lease in a sorted set scored by its expiry, on Redis' own clock: expired leases (a worker
 * that died holding one) are dropped before counting. Returns 1 when a slot was taken.
 */
const ACQUIRE_SCRIPT = `
local limit, leaseMs, member = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
redis.call('ZADD', KEYS[1], now + leaseMs, member)
redis.call('PEXPIRE', KEYS[1], leaseMs)
return 1
`;

const COMMAND = 'techtrekAiSlotAcquire';
type AcquireCommand = (key: string, limit: number, leaseMs: number, member: string) => Promise<number>;

/** A slot is held for at most two calls (a leaked answer is regenerated once), plus slack. */
const LEASE_SLACK_MS = 5_000;

/** AI_PROVIDER_CONCURRENCY calls in flight per model provider, counted across every worker. */
@Injectable()
export class RedisProviderSlots extends ProviderSlots {
  private readonly limit: number;
  private readonly leaseMs: number;
  private readonly acquireCommand: AcquireCommand;

  constructor(
    private readonly redis: Redis,
    config: ConfigService<Environment, true>,
  ) {
    super();
    this.limit = config.get('AI_PROVIDER_CONCURRENCY', { infer: true });
    this.leaseMs = 2 * config.get('AI_TIMEOUT_MS', { infer: true }) + LEASE_SLACK_MS;
    this.acquireCommand = redisScript(redis, COMMAND, ACQUIRE_SCRIPT, 1);
  }

  async acquire(provider: ModelProviderName): Promise<SlotRelease | null> {
    const key = `ai:slots:${provider}`;
    const lease = randomUUID();
    if ((await this.acquireCommand(key, this.limit, this.leaseMs, lease)) !== 1) return null;
    return async () => {
      await this.redis.zrem(key, lease);
    };
  }
}
