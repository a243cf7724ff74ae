import { Module, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.module.js';
import { AUTH_RATE_LIMIT, RATE_LIMITERS } from './rate-limit.decorators.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { emailInBody, emailTracker, ipTracker, userOrIpTracker, type TrackedRequest } from './rate-limit-trackers.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

function throttlerOptions(config: AppConfig, redis: Redis, reflector: Reflector): ThrottlerModuleOptions {
  const isAuthRoute = (context: ExecutionContext): boolean =>
    reflector.getAllAndOverride<boolean>(AUTH_RATE_LIMIT, [context.getHandler(), context.getClass()]) === true;
  const auth = {
    limit: config.get('THROTTLE_AUTH_LIMIT', { infer: true }),
    ttl: config.get('THROTTLE_AUTH_TTL_SECONDS', { infer: true }) * 1000,
    // Per-throttler headers would be named `Retry-After-auth-ip`; the guard sets a plain one.
    setHeaders: false,
  };
  return {
    storage: new RedisThrottlerStorage(redis),
    // One budget per client across routes (the library's default key is per route and client).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      {
        name: RATE_LIMITERS.default,
        limit: config.get('THROTTLE_DEFAULT_LIMIT', { infer: true }),
        ttl: config.get('THROTTLE_DEFAULT_TTL_SECONDS', { infer: true }) * 1000,
        getTracker: (request) => userOrIpTracker(request as TrackedRequest),
      },
      {
        ...auth,
        name: RATE_LIMITERS.authIp,
        skipIf: (context) => !isAuthRoute(context),
        getTracker: (request) => ipTracker(request as TrackedRequest),
      },
      {
        ...auth,
        name: RATE_LIMITERS.authEmail,
        skipIf: (context) =>
          !isAuthRoute(context) || emailInBody(context.switchToHttp().getRequest<TrackedRequest>().body) === undefined,
        getTracker: (request) => emailTracker(request as TrackedRequest),
      },
    ],
  };
}

/**
 * Rate limits for every HTTP route, counted in Redis so all API instances share them: a default
 * budget per user or address (THROTTLE_DEFAULT_*), and a strict one on `@AuthRateLimit()` routes
 * per address and per email (THROTTLE_AUTH_*). Refusals are 429 problems with `Retry-After`.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, Redis, Reflector],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
