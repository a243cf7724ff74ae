import { ApiProperty } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_PATTERN, Omittable } from '@techtrek/platform';
import { MAX_STORED_ID } from '@techtrek/platform/kernel';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** An instant with its offset: a time without one would mean a different moment on every device. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T08:15:00Z';
/** The offset is required by the pattern; strict ISO 8601 refuses dates that do not exist (02-30, 25:00). */
const InstantField = (): PropertyDecorator => (target, property) => {
  IsString()(target, property);
  Matches(INSTANT, { message: `$property ${INSTANT_MESSAGE}` })(target, property);
  IsISO8601({ strict: true, strictSeparator: true }, { message: `$property ${INSTANT_MESSAGE}` })(target, property);
};

/** Batches and lessons are small; these bounds keep a hostile body from costing much. */
export const MAX_ANSWERS_PER_ATTEMPT = 100;
export const MAX_BATCH_ATTEMPTS = 50;

export class AttemptAnswerDto {
  /** @example "apis-1-2" */
  @IsString()
  @Length(1, 100)
  exerciseId!: string;

  /**
   * The learner's answer, shaped by the exercise's kind: an option (single choice), options (multiple
   * choice), a boolean (true/false), the items in order (ordering), a string (fill in the blank).
   * A wrong shape is a 400 naming the exercise.
   * @example "The waiter"
   */
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    example: 'The waiter',
  })
  @IsDefined()
  answer!: unknown;
}

/**
 * What every attempt carries; when it was completed is optional alone and required in a batch.
 * Exported so that the swagger plugin documents these inherited properties.
 */
export class AttemptContentDto {
  /** @example 13 */
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId!: number;

  /** One answer per exercise answered; unanswered exercises count as wrong. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ANSWERS_PER_ATTEMPT)
  @ValidateNested({ each: true })
  @Type(() => AttemptAnswerDto)
  answers!: AttemptAnswerDto[];

  /**
   * When the learner opened the lesson (optional, for their history).
   * @example "2026-11-30T08:11:00Z"
   */
  @Omittable()
  @InstantField()
  startedAt?: string;
}

export class SubmitAttemptRequestDto extends AttemptContentDto {
  /**
   * When the learner finished: an offline attempt synced later counts on that day. At most 7 days
   * ago and not in the future; now when absent.
   * @example "2026-11-30T08:15:00Z"
   */
  @Omittable()
  @InstantField()
  completedAt?: string;
}

export class BatchAttemptDto extends AttemptContentDto {
  /**
   * This attempt's own key (the header's rules: 1–255 printable ASCII characters). A retried batch
   * replays the attempts it already applied.
   * @example "3b0f6f9e-2f43-4a53-9a57-5b7c0f2f7a11"
   */
  @IsString()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: '$property must be 1 to 255 printable ASCII characters' })
  idempotencyKey!: string;

  /**
   * Required in a batch: the order attempts are applied in, and the day each counts on.
   * @example "2026-11-29T19:40:00Z"
   */
  @InstantField()
  completedAt!: string;
}

export class SubmitAttemptBatchRequestDto {
  /** Up to 50 attempts made offline, each with its own key; applied oldest first. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ATTEMPTS)
  @ValidateNested({ each: true })
  @Type(() => BatchAttemptDto)
  attempts!: BatchAttemptDto[];
}
