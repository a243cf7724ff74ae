import { ApiProperty } from '@nestjs/swagger';
export class LessonProgressDto {
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  lessonId!: number;
  /**
   * Passed at least once.
   * @example true
   */
  completed!: boolean;
  /**
   * Best score so far; null before the first attempt.
   * @example 100
   */
  @ApiProperty({ type: 'integer' })
  bestScore!: number | null;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  attempts!: number;
  /**
   * First completion; null until passed.
   * @example "2026-11-28T18:02:11.000Z"
   */
  completedAt!: Date | null;
}

export class TopicProgressDto {
  /** @example "apis" */
  topic!: string;
  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  completed!: number;
  /**
   * Published lessons in the topic.
   * @example 4
   */
  @ApiProperty({ type: 'integer' })
  total!: number;
}

export class ProgressSummaryDto {
  /** @example 7 */
  @ApiProperty({ type: 'integer' })
  completedLessons!: number;
  /** @example 24 */
  @ApiProperty({ type: 'integer' })
  totalLessons!: number;
  /** In curriculum order. */
  byTopic!: TopicProgressDto[];
}

export class ProgressOverviewDto {
  /** Every lesson the learner attempted, by lesson id. */
  items!: LessonProgressDto[];
  summary!: ProgressSummaryDto;
}

export class AttemptHistoryItemDto {
  /** @example 981 */
  @ApiProperty({ type: 'integer' })
  attemptId!: number;
  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  lessonVersion!: number;
  /** @example 75 */
  @ApiProperty({ type: 'integer' })
  score!: number;
  /** @example true */
  passed!: boolean;
  /** @example "2026-11-30T08:11:00.000Z" */
  startedAt!: Date | null;
  /** @example "2026-11-30T08:15:00.000Z" */
  completedAt!: Date;
}

export class LessonProgressDetailDto extends LessonProgressDto {
  /** Every attempt, newest first. */
  history!: AttemptHistoryItemDto[];
}
