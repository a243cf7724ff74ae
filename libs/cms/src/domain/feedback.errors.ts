import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

const describe = (problems: readonly FieldProblem[]): string =>
  problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');

export class InvalidFeedbackError extends DomainError {
  readonly code = 'CMS.INVALID_FEEDBACK';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}

/** Unknown and draft lessons alike: feedback must not reveal that an unpublished lesson exists. */
export class FeedbackLessonNotFoundError extends DomainError {
  readonly code = 'CMS.LESSON_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('The lesson does not exist');
  }
}

export class FeedbackNotFoundError extends DomainError {
  readonly code = 'CMS.FEEDBACK_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('The feedback does not exist');
  }
}

export class InvalidFeedbackCursorError extends DomainError {
  readonly code = 'CMS.INVALID_CURSOR';
  readonly kind = 'invalid';

  constructor() {
    super('cursor: is not a cursor this API issued', [
      { field: 'cursor', message: 'must be a nextCursor returned by this endpoint' },
    ]);
  }
}
