import { DomainError } from '../kernel/domain-error.js';
import {
  isRedisConnectionError,
  OUTAGE_RETRY_AFTER_SECONDS,
  RedisUnavailableError,
} from '../redis/redis-unavailable.js';

/** PostgreSQL went away mid-request (restart, failover, network): 503 with `Retry-After`, never a 500 (ADR 0011). */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'SERVICE.DATABASE_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor() {
    super('The database is unavailable for a moment; nothing was saved, please try again shortly', [], {
      retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
}

/**
 * SQLSTATEs of a server that is shutting down, starting or unreachable: class 08 (connection
 * exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123])$/;

/** What node-postgres and its pool throw when the socket is gone or no connection can be had. */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connect ECONNREFUSED',
  'connect ETIMEDOUT',
  'read ECONNRESET',
  'write EPIPE',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** True when `error` (or the driver error TypeORM wraps in it) says PostgreSQL could not be reached. */
export function isDatabaseConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_STATES.test(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
    current = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The 503 error for a failure that only says a backing service is out (PostgreSQL or Redis), so
 * the error filter answers 503 with `Retry-After` instead of 500. Undefined for anything else.
 */
export function asOutageError(error: unknown): DomainError | undefined {
  if (isDatabaseConnectionError(error)) return new DatabaseUnavailableError();
  if (isRedisConnectionError(error)) return new RedisUnavailableError();
  return undefined;
}
