import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

const describe = (problems: readonly FieldProblem[]): string =>
  problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');

/** An attempt with no answers would score 0 and cost the learner nothing: a client bug. */
export class NoAnswersError extends DomainError {
  readonly code = 'PROGRESS.NO_ANSWERS';
  readonly kind = 'invalid';

  constructor() {
    const problems = [{ field: 'answers', message: 'must contain at least one answer' }];
    super(describe(problems), problems);
  }
}

/** Two answers to one exercise: which one counts would be a guess. */
export class DuplicateAnswerError extends DomainError {
  readonly code = 'PROGRESS.DUPLICATE_ANSWER';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}

/** A completion time in the future, or too old for an offline attempt to be synced. */
export class CompletedAtOutOfRangeError extends DomainError {
  readonly code = 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE';
  readonly kind = 'invalid';

  constructor(message: string, earliest: Date, latest: Date) {
    const problems = [{ field: 'completedAt', message }];
    super(describe(problems), problems, { earliest: earliest.toISOString(), latest: latest.toISOString() });
  }
}
