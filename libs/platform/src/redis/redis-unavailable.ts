import { DomainError } from '../kernel/domain-error.js';

/** Seconds a client is told to wait (`Retry-After`) when a backing service is out: reconnects retry every 2 s at most. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** A request needed Redis and Redis did not answer: 503 with `Retry-After`, never a 500 (ADR 0011). */
export class RedisUnavailableError extends DomainError {
  readonly code = 'SERVICE.REDIS_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor(detail = 'This is unavailable for a moment; please try again shortly') {
    super(detail, [], { retryAfter: OUTAGE_RETRY_AFTER_SECONDS });
  }
}

/** What ioredis rejects with while its connection is down (the app client fails fast: no offline queue). */
const CONNECTION_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Reached the max retries per request limit',
];

/**
 * True when `error` says Redis could not be reached, as opposed to a bad command. ioredis rejects
 * commands with plain errors here (no class of its own), so the message and `name` are what tell.
 */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return CONNECTION_MESSAGES.some((message) => error.message.includes(message));
}
