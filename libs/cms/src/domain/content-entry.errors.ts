import { DomainError, StaleRevisionError, type FieldProblem } from '@techtrek/platform/kernel';

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

export class StaleContentRevisionError extends StaleRevisionError {
  readonly code = 'CMS.STALE_REVISION';

  constructor(currentRevision: number) {
    super('entry', currentRevision);
  }
}
