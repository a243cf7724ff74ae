import { ApiProperty } from '@nestjs/swagger';
import type { FeedbackStatus } from '../../../domain/feedback.js';

export class SubmittedFeedbackDto {
  /** @example 42 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  lessonId!: number;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  rating!: number;
  /**
   * Null when the learner left none.
   * @example "The waiter analogy made it click, but exercise 3 was confusing."
   */
  comment!: string | null;
  /** @example "open" */
  status!: FeedbackStatus;
  /** @example "2025-11-26T09:30:00.000Z" */
  createdAt!: Date;
}

export class AdminFeedbackItemDto {
  /** @example 42 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  lessonId!: number;
  /** @example "What Is an API? The Waiter Between Apps" */
  lessonTitle!: string;
  /**
   * The author.
   * @example 7
   */
  @ApiProperty({ type: 'integer' })
  userId!: number;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  rating!: number;
  /** @example "The waiter analogy made it click, but exercise 3 was confusing." */
  comment!: string | null;
  /** @example "resolved" */
  status!: FeedbackStatus;
  /**
   * Admins only; the author sees it in their data export.
   * @example "Rewrote exercise 3's prompt in v1.4."
   */
  adminNote!: string | null;
  /** @example "2025-11-26T09:30:00.000Z" */
  createdAt!: Date;
  /** @example "2025-11-27T14:05:00.000Z" */
  updatedAt!: Date;
}

export class FeedbackPageDto {
  /** Newest first. */
  items!: AdminFeedbackItemDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzE3NjQwOTYwMDAxMjM0NTYsNDJd"
   */
  nextCursor!: string | null;
  /**
   * With `lessonId`: the lesson's mean rating over ALL its feedback (whatever `status` filters,
   * on every page), rounded to 2 decimals, null if it has none. Without `lessonId`: null, since a
   * mean across different lessons says little.
   * @example 4.25
   */
  averageRating!: number | null;
}
