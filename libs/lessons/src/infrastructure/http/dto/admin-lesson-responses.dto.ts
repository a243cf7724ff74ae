import { ApiProperty } from '@nestjs/swagger';
import type { ExerciseKind } from '../../../domain/exercise.js';
import type { LessonDifficulty } from '../../../domain/lesson-draft.js';
import type { LessonStatus } from '../../../domain/lesson.js';
import { LessonMediaReferenceDto } from './admin-lesson-requests.dto.js';

/** An exercise with its answer key, as admins write it. */
export class ExerciseDefinitionDto {
  /** @example "ex-3fa9c2d1" */
  id!: string;
  /** @example "single_choice" */
  kind!: ExerciseKind;
  /** @example "Which HTTP verb reads data without changing it?" */
  prompt!: string;
  /** @example ["GET", "POST", "DELETE"] */
  options?: string[];
  /** @example ["Send request", "Server processes", "Receive response"] */
  items?: string[];
  /**
   * The correct option(s), `[true]`/`[false]`, the items in order, or accepted answers.
   * @example ["GET"]
   */
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } })
  correct!: (string | boolean)[];
  /** @example "GET asks for a resource; it never changes it." */
  explanation!: string;
}

export class AdminLessonSummaryDto {
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "apis" */
  topic!: string;
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  sequenceOrder!: number;
  /** @example "What Is an API? The Waiter Between Apps" */
  title!: string;
  /** @example "APIs let one piece of software ask another for data or actions." */
  summary!: string;
  /** @example "beginner" */
  difficulty!: LessonDifficulty;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  estimatedMinutes!: number;
  /** @example "published" */
  status!: LessonStatus;
  /**
   * Counts saved changes; the `ETag` is `"r<revision>"`, to send back as `If-Match`.
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  revision!: number;
  /**
   * The immutable version learners see while published; null if never published.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  publishedVersion!: number | null;
  /**
   * The working copy differs from what learners see: publish to make the edits live.
   * @example false
   */
  hasUnpublishedChanges!: boolean;
  /** @example "2026-11-25T09:30:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-25T10:02:11.000Z" */
  updatedAt!: Date;
}

export class AdminLessonListItemDto extends AdminLessonSummaryDto {
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  exerciseCount!: number;
}

export class AdminLessonPageDto {
  items!: AdminLessonListItemDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzQsMiwxNF0"
   */
  nextCursor!: string | null;
}

export class AdminLessonDto extends AdminLessonSummaryDto {
  /**
   * Markdown.
   * @example "Your weather app doesn't own a weather station..."
   */
  content!: string;
  media!: LessonMediaReferenceDto[];
  exercises!: ExerciseDefinitionDto[];
}

export class TopicOrderDto {
  /** @example "apis" */
  topic!: string;
  /** @example [14, 13, 16, 15] */
  @ApiProperty({ type: 'integer', isArray: true })
  lessonIds!: number[];
}
