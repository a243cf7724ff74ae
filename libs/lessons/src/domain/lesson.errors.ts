import { DomainError, type FieldProblem } from '@techtrek/platform/kernel';

/** Unknown and draft lessons alike: a learner cannot tell an unpublished lesson exists. */
export class LessonNotFoundError extends DomainError {
  readonly code = 'LESSONS.LESSON_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('The lesson does not exist');
  }
}

const describe = (problems: FieldProblem[]): string =>
  problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');

export class UnknownExerciseError extends DomainError {
  readonly code = 'LESSONS.UNKNOWN_EXERCISE';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}

export class DuplicateAnswerError extends DomainError {
  readonly code = 'LESSONS.DUPLICATE_ANSWER';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}

export class InvalidAnswerShapeError extends DomainError {
  readonly code = 'LESSONS.INVALID_ANSWER_SHAPE';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}
