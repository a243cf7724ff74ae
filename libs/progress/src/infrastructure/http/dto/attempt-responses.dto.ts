import { ApiProperty } from '@nestjs/swagger';

export class ExerciseResultDto {
  /** @example "apis-1-2" */
  exerciseId!: string;
  /** @example false */
  correct!: boolean;
  /**
   * Revealed once graded, in the shape the learner answers in.
   * @example "The waiter"
   */
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    example: 'The waiter',
  })
  correctAnswer!: unknown;
  /** @example "The waiter carries requests between you and the kitchen, as an API does between apps." */
  explanation!: string;
}

export class StreakDto {
  /**
   * Consecutive local days with a passed lesson, in the learner's timezone; 0 once broken.
   * @example 12
   */
  @ApiProperty({ type: 'integer' })
  current!: number;
  /** @example 30 */
  @ApiProperty({ type: 'integer' })
  longest!: number;
  /**
   * Streak freezes held (earned one per 7 days of streak, at most 2), each covering a missed day.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  freezesLeft!: number;
}

export class NewBadgeDto {
  /** @example "streak_7" */
  badge!: string;
  /** @example "Week warrior" */
  title!: string;
  /** @example "Learned 7 days in a row" */
  description!: string;
  /** @example "2026-11-30T08:15:02.114Z" */
  awardedAt!: string;
}

export class AttemptOutcomeDto {
  /** @example 981 */
  @ApiProperty({ type: 'integer' })
  attemptId!: number;
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  lessonId!: number;
  /**
   * The published version graded.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  lessonVersion!: number;
  /**
   * Percent of the lesson's exercises answered correctly (unanswered count as wrong).
   * @example 75
   */
  @ApiProperty({ type: 'integer' })
  score!: number;
  /**
   * At or above the pass threshold (70 by default).
   * @example true
   */
  passed!: boolean;
  /** Every exercise of the lesson, in lesson order. */
  results!: ExerciseResultDto[];
  /**
   * XP this attempt earned: the lesson's XP on the first pass, a perfect-score bonus once, a little for a review.
   * @example 20
   */
  @ApiProperty({ type: 'integer' })
  xpAwarded!: number;
  /** @example 340 */
  @ApiProperty({ type: 'integer' })
  totalXp!: number;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  level!: number;
  streak!: StreakDto;
  /** Badges this attempt earned. */
  newBadges!: NewBadgeDto[];
}

export class BatchProblemDto {
  /** @example "urn:techtrek:problem:progress.completed-at-out-of-range" */
  type!: string;
  /** @example "PROGRESS.COMPLETED_AT_OUT_OF_RANGE" */
  code!: string;
  /** @example "Bad Request" */
  title!: string;
  /** @example "completedAt must be within the last 7 days" */
  detail!: string;
  /** Field problems, as in a 400 problem document. */
  errors!: BatchFieldProblemDto[];
}

export class BatchFieldProblemDto {
  /** @example "completedAt" */
  field!: string;
  /** @example "must be within the last 7 days" */
  message!: string;
}

export class BatchAttemptResultDto {
  /**
   * The attempt's position in the request.
   * @example 0
   */
  @ApiProperty({ type: 'integer' })
  index!: number;
  /** @example "3b0f6f9e-2f43-4a53-9a57-5b7c0f2f7a11" */
  idempotencyKey!: string;
  /**
   * What a single `POST /progress` would have answered: 201 when applied (now or before), or the
   * 4xx of a refused attempt.
   * @example 201
   */
  @ApiProperty({ type: 'integer' })
  status!: number;
  /**
   * True when this key was applied before (a retried batch): the stored result, nothing re-applied.
   * @example false
   */
  replayed!: boolean;
  /** Present when applied or replayed. */
  attempt?: AttemptOutcomeDto;
  /** Present when refused. */
  problem?: BatchProblemDto;
}

export class AttemptBatchResultDto {
  /** One result per attempt, in request order (they were applied oldest `completedAt` first). */
  results!: BatchAttemptResultDto[];
}
