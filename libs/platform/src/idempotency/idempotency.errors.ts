import { DomainError } from '../kernel/domain-error.js';

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  readonly kind = 'unprocessable';

  constructor() {
    super('This Idempotency-Key was already used for a different request; send a new key for a new request');
  }
}

export class IdempotentRequestInProgressError extends DomainError {
  readonly code = 'IDEMPOTENCY.IN_PROGRESS';
  readonly kind = 'conflict';

  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry shortly');
  }
}
