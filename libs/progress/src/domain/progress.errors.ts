import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

const describe = (problems: readonly FieldProblem[]): string =>
  problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');

/** A completion time in the future, or too old for an offline attempt to be synced. */
export class CompletedAtOutOfRangeError extends DomainError {
  readonly code = 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE';
  readonly kind = 'invalid';

  constructor(message: string, earliest: Date, latest: Date) {
    const problems = [{ field: 'completedAt', message }];
    super(describe(problems), problems, { earliest: earliest.toISOString(), latest: latest.toISOString() });
  }
}

/** A start after the finish is a client clock or bug; the attempt's duration would be negative. */
export class StartedAfterCompletionError extends DomainError {
  readonly code = 'PROGRESS.STARTED_AFTER_COMPLETION';
  readonly kind = 'invalid';

  constructor() {
    const problems = [
      { field: 'startedAt', message: 'must not be after completedAt (or after now, when completedAt is absent)' },
    ];
    super(describe(problems), problems);
  }
}

/** Neither attempted by this learner nor a published lesson. */
export class LessonProgressNotFoundError extends DomainError {
  readonly code = 'PROGRESS.LESSON_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('No such lesson');
  }
}
