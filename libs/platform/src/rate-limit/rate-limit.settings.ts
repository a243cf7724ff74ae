import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { RATE_LIMITERS } from './rate-limit.decorators.js';
import type { RateLimitHit } from './redis-rate-limit.store.js';
import { emailInBody, emailTracker, ipTracker, userOrIpTracker, type TrackedRequest } from './rate-limit-trackers.js';

/**
 * A lease may hold at most this share of a limit, so a client spread over N instances is refused
 * early by at most (N − 1) × that share (hits leased to other instances but not made); see ADR 0008.
 */
export const LEASE_SHARE_OF_LIMIT = 1 / 20;
/** And at most this many hits, whatever the limit. */
export const MAX_LEASE = 1_000;

/** The largest lease for a limit: 1 (no leases) for limits under 40. */
export function maxLeaseFor(limit: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(limit * LEASE_SHARE_OF_LIMIT)));
}

/** One limiter as a route applies it: what it counts against, and whom it counts. */
export interface Limiter {
  counting: Omit<RateLimitHit, 'tracker'>;
  /** Who this request counts as; `undefined` when the limiter does not apply to it. */
  trackerOf(request: TrackedRequest): string | undefined;
}

/** The limits from THROTTLE_*, as limiters per kind of route. */
@Injectable()
export class RateLimitSettings {
  /** The limiter whose state is reported in `X-RateLimit-Limit/Remaining/Reset`. */
  readonly headersFor = RATE_LIMITERS.default;
  private readonly everyRoute: Limiter[];
  private readonly authRoutes: Limiter[];

  constructor(config: ConfigService<Environment, true>) {
    const counting = (limiter: string, limit: number, ttlSeconds: number) => ({
      limiter,
      limit,
      ttlMs: ttlSeconds * 1000,
      // Over the limit, a client stays refused for one window.
      blockMs: ttlSeconds * 1000,
      maxLease: maxLeaseFor(limit),
    });
    const authLimit = config.get('THROTTLE_AUTH_LIMIT', { infer: true });
    const authTtl = config.get('THROTTLE_AUTH_TTL_SECONDS', { infer: true });
    const defaultLimiter: Limiter = {
      counting: counting(
        RATE_LIMITERS.default,
        config.get('THROTTLE_DEFAULT_LIMIT', { infer: true }),
        config.get('THROTTLE_DEFAULT_TTL_SECONDS', { infer: true }),
      ),
      trackerOf: userOrIpTracker,
    };
    this.everyRoute = [defaultLimiter];
    this.authRoutes = [
      defaultLimiter,
      { counting: counting(RATE_LIMITERS.authIp, authLimit, authTtl), trackerOf: ipTracker },
      {
        counting: counting(RATE_LIMITERS.authEmail, authLimit, authTtl),
        trackerOf: (request) => (emailInBody(request.body) === undefined ? undefined : emailTracker(request)),
      },
    ];
  }

  /** In the order they are counted; counting stops at the first that refuses. */
  limitersFor(route: { authRoute: boolean }): readonly Limiter[] {
    return route.authRoute ? this.authRoutes : this.everyRoute;
  }
}
