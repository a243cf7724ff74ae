import { SetMetadata } from '@nestjs/common';

/** The named limiters; each counts in its own Redis keys. */
export const RATE_LIMITERS = {
  /** Every route: per signed-in user, else per IP address. */
  default: 'default',
  /** Routes marked `@AuthRateLimit()`: per IP address. */
  authIp: 'auth-ip',
  /** Routes marked `@AuthRateLimit()`: per email address in the body. */
  authEmail: 'auth-email',
} as const;

export const AUTH_RATE_LIMIT = 'techtrek:auth-rate-limit';
export const SKIP_RATE_LIMIT = 'techtrek:skip-rate-limit';

/**
 * Adds the strict sign-up/login limit (THROTTLE_AUTH_*) to a route, counted per IP address and per
 * `email` in the JSON body, on top of the default limit. Apply it to routes that check a password
 * or create an account.
 */
export const AuthRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_RATE_LIMIT, true);

/** Exempts a route (or controller) from every rate limit: probes and scrapers poll these. */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_RATE_LIMIT, true);
