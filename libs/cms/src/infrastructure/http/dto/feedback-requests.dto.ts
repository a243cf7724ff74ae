import { ApiProperty } from '@nestjs/swagger';
import { Omittable, PageQueryDto, wholeNumber } from '@techtrek/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  FEEDBACK_STATUSES,
  MAX_FEEDBACK_TEXT_LENGTH,
  MAX_RATING,
  MIN_RATING,
  type FeedbackStatus,
} from '../../../domain/feedback.js';
import { MAX_STORED_ID } from '@techtrek/platform/kernel';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export class SubmitFeedbackRequestDto {
  /**
   * A published lesson; unknown and draft lessons are 404.
   * @example 13
   */
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId!: number;

  /**
   * A whole number of stars, 1–5 (a JSON number, not a string).
   * @example 4
   */
  @IsInt()
  @Min(MIN_RATING)
  @Max(MAX_RATING)
  @ApiProperty({ type: 'integer' })
  rating!: number;

  /**
   * Optional, trimmed, at most 2000 characters; blank means no comment.
   * @example "The waiter analogy made it click, but exercise 3 was confusing."
   */
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT_LENGTH)
  comment?: string;
}

export class ListFeedbackQueryDto extends PageQueryDto {
  /** @example "open" */
  @Omittable()
  @IsIn(FEEDBACK_STATUSES)
  status?: FeedbackStatus;

  /**
   * Only this lesson's feedback; also turns on `averageRating`.
   * @example 13
   */
  @Omittable()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId?: number;
}

/** At least one of the two members. */
export class ReviewFeedbackRequestDto {
  /** @example "resolved" */
  @Omittable()
  @IsIn(FEEDBACK_STATUSES)
  status?: FeedbackStatus;

  /**
   * Internal note, trimmed, at most 2000 characters; null or blank clears it.
   * @example "Rewrote exercise 3's prompt in v1.4."
   */
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @Transform(trimmed)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT_LENGTH)
  adminNote?: string | null;
}
