import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

export class ContentEntryNotFoundError extends DomainError {
  readonly code = 'CMS.CONTENT_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(id: number) {
    super(`Content entry ${id} does not exist`);
  }
}

export class InvalidContentEntryError extends DomainError {
  readonly code = 'CMS.INVALID_CONTENT';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems);
  }
}

/** `If-Match` named a revision other than the current one: someone else saved in between. */
export class StaleContentRevisionError extends DomainError {
  readonly code = 'CMS.STALE_REVISION';
  readonly kind = 'precondition_failed';

  constructor(currentRevision: number) {
    super(`The entry has changed since you read it (now at revision ${currentRevision}); reload it and retry`, [], {
      currentRevision,
    });
  }
}
