import { DomainError } from '@techtrek/platform/kernel';

/** The learner's hints for today are spent; `retryAfter` is the seconds until the quota's day ends (UTC). */
export class HintQuotaExceededError extends DomainError {
  readonly code = 'AI.HINT_QUOTA_EXCEEDED';
  readonly kind = 'rate_limited';

  constructor(limit: number, retryAfterSeconds: number) {
    super(`You have used all ${limit} hints for today; more are available after midnight UTC`, [], {
      limit,
      retryAfter: retryAfterSeconds,
    });
  }
}

/** No such hint, or another learner's (never reveal that it exists). */
export class HintNotFoundError extends DomainError {
  readonly code = 'AI.HINT_NOT_FOUND';
  readonly kind = 'not_found';

  constructor() {
    super('No such hint');
  }
}

export class UnknownHintExerciseError extends DomainError {
  readonly code = 'AI.UNKNOWN_EXERCISE';
  readonly kind = 'invalid';

  constructor(exerciseId: string) {
    super(`exerciseId: "${exerciseId}" is not an exercise of this lesson`, [
      { field: 'exerciseId', message: `"${exerciseId}" is not an exercise of this lesson` },
    ]);
  }
}

/** The hint job failed for good (its quota unit is given back); asking again may work. */
export class HintUnavailableError extends DomainError {
  readonly code = 'AI.HINT_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor() {
    super('The hint could not be written; it did not count towards your quota, please ask again');
  }
}

/** A rating for a hint that is still being written. */
export class HintNotReadyError extends DomainError {
  readonly code = 'AI.HINT_NOT_READY';
  readonly kind = 'conflict';

  constructor() {
    super('This hint is still being written; rate it once it is shown');
  }
}
