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

/** Socket errors node-postgres passes on as they are (connecting, reading or writing). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What node-postgres, its pool and TypeORM throw when the socket is gone or no connection can be
 * had; the last two when the app's pools are closing or closed under a request that outlived its
 * client (a shutdown does not wait for a request whose connection is gone).
 */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Driver not Connected',
];

/**
 * TypeORM releases a transaction's query runner as soon as its connection reports an error (the
 * server went away); the transaction's next statement then fails with one of these.
 */
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * True when `error` (or the driver error TypeORM wraps in it) says PostgreSQL could not be reached.
 * A bare socket error counts too: nothing else a request awaits opens raw sockets (HTTP clients
 * wrap theirs in `cause`, which is not followed).
 */
export function isDatabaseConnectionError(error: unknown): boolean {
  for (const current of [error, (error as { driverError?: unknown } | null)?.driverError]) {
    if (!current || typeof current !== 'object') continue;
    if (RELEASED_RUNNER_ERRORS.has((current as Error).name)) return true;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
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
