import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Redis } from 'ioredis';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimitSettings } from './rate-limit.settings.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

/**
 * Rate limits for every HTTP route, shared by all API instances through Redis: a default budget per
 * user or address (THROTTLE_DEFAULT_*), and a strict one on `@AuthRateLimit()` routes per address
 * and per email (THROTTLE_AUTH_*). Refusals are 429 problems with `Retry-After`. Redis hands out
 * leases of hits rather than being asked on every request (ADR 0008).
 */
@Module({
  providers: [
    RateLimitSettings,
    { provide: RedisRateLimitStore, inject: [Redis], useFactory: (redis: Redis) => new RedisRateLimitStore(redis) },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class RateLimitModule {}
