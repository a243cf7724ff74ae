import { DomainError, StaleRevisionError, type FieldProblem } from '@techtrek/platform/kernel';

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

/** An admin-side lookup: admins see drafts, so this only means the id is unknown. */
export class AdminLessonNotFoundError extends DomainError {
  readonly code = 'LESSONS.LESSON_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(id: number) {
    super(`Lesson ${id} does not exist`);
  }
}

export class InvalidLessonError extends DomainError {
  readonly code = 'LESSONS.INVALID_LESSON';
  readonly kind = 'invalid';

  constructor(problems: FieldProblem[]) {
    super(describe(problems), problems);
  }
}

export class StaleLessonRevisionError extends StaleRevisionError {
  readonly code = 'LESSONS.STALE_REVISION';

  constructor(currentRevision: number) {
    super('lesson', currentRevision);
  }
}

export class LessonNotPublishableError extends DomainError {
  readonly code = 'LESSONS.NOT_PUBLISHABLE';
  readonly kind = 'conflict';

  constructor(reason: string) {
    super(`The lesson cannot be published: ${reason}`);
  }
}

/** Learners have history on the lesson; deleting it would erase their progress. */
export class LessonInUseError extends DomainError {
  readonly code = 'LESSONS.LESSON_IN_USE';
  readonly kind = 'conflict';

  constructor() {
    super('Learners have progress on this lesson, so it cannot be deleted; unpublish it instead');
  }
}

/** A reorder that does not name exactly the topic's lessons (one was added or removed meanwhile). */
export class TopicOrderMismatchError extends DomainError {
  readonly code = 'LESSONS.TOPIC_ORDER_MISMATCH';
  readonly kind = 'conflict';

  constructor(missing: number[], unknown: number[]) {
    super(
      `The order must list every lesson of the topic exactly once (missing: [${missing.join(', ')}], not in the topic: [${unknown.join(', ')}])`,
      [],
      { missing, unknown },
    );
  }
}

export class TopicNotFoundError extends DomainError {
  readonly code = 'LESSONS.TOPIC_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(topic: string) {
    super(`Topic "${topic}" does not exist`);
  }
}
