import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AUTH_RATE_LIMIT, SKIP_RATE_LIMIT } from './rate-limit.decorators.js';
import { RateLimitSettings, type Limiter } from './rate-limit.settings.js';
import { RedisRateLimitStore, type RateLimitHit, type RateLimitOutcome } from './redis-rate-limit.store.js';
import type { TrackedRequest } from './rate-limit-trackers.js';

type Handler = ExecutionContext['getHandler'] extends () => infer H ? H : never;

/**
 * Every route's rate limits: the default limiter, plus the strict ones on `@AuthRateLimit()` routes,
 * none on `@SkipRateLimit()` ones. Which limiters a route has is read once per route, and most hits
 * are decided from this instance's leases without waiting (ADR 0008), so a route pays for Redis only
 * when a lease runs out. A refusal is a 429 with a plain `Retry-After` (seconds, at least 1) whichever
 * limiter refused; the problem+json body and `REQUEST.RATE_LIMITED` come from the problem filter.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly routeLimiters = new WeakMap<Handler, { controller: unknown; limiters: readonly Limiter[] }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: RateLimitSettings,
    private readonly store: RedisRateLimitStore,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const limiters = this.limitersOf(context);
    if (limiters.length === 0) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<TrackedRequest>();
    const hits: RateLimitHit[] = [];
    for (const limiter of limiters) {
      const tracker = limiter.trackerOf(request);
      if (tracker !== undefined) hits.push({ ...limiter.counting, tracker });
    }
    const outcomes = this.store.hitAll(hits);
    const reply = http.getResponse<FastifyReply>();
    if (Array.isArray(outcomes)) return this.answer(hits, outcomes, reply);
    return outcomes.then((settled) => this.answer(hits, settled, reply));
  }

  private answer(hits: readonly RateLimitHit[], outcomes: readonly RateLimitOutcome[], reply: FastifyReply): true {
    const last = outcomes[outcomes.length - 1];
    if (last?.isBlocked) {
      const retryAfter = Math.max(1, last.timeToBlockExpire);
      void reply.header('retry-after', retryAfter);
      throw new ThrottlerException(
        `Too many requests; try again in ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}`,
      );
    }
    const index = hits.findIndex((hit) => hit.limiter === this.settings.headersFor);
    if (index >= 0) {
      const { limit } = hits[index];
      const outcome = outcomes[index];
      void reply.header('x-ratelimit-limit', limit);
      void reply.header('x-ratelimit-remaining', Math.max(0, limit - outcome.totalHits));
      void reply.header('x-ratelimit-reset', outcome.timeToExpire);
    }
    return true;
  }

  private limitersOf(context: ExecutionContext): readonly Limiter[] {
    const handler = context.getHandler();
    const controller = context.getClass();
    const known = this.routeLimiters.get(handler);
    if (known?.controller === controller) return known.limiters;
    const targets = [handler, controller];
    const limiters = this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)
      ? []
      : this.settings.limitersFor({
          authRoute: this.reflector.getAllAndOverride<boolean>(AUTH_RATE_LIMIT, targets) === true,
        });
    this.routeLimiters.set(handler, { controller, limiters });
    return limiters;
  }
}
