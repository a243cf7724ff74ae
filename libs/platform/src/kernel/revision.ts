import { DomainError } from './domain-error.js';

/** Whether a write based on `accepted` (the revisions an `If-Match` named; `undefined`: any) may proceed. */
export function acceptsRevision(accepted: readonly number[] | undefined, current: number): boolean {
  return accepted === undefined || accepted.includes(current);
}

/** `If-Match` named a revision other than the current one: someone else saved in between. */
export abstract class StaleRevisionError extends DomainError {
  readonly kind = 'precondition_failed';

  constructor(what: string, currentRevision: number) {
    super(`The ${what} has changed since you read it (now at revision ${currentRevision}); reload it and retry`, [], {
      currentRevision,
    });
  }
}
