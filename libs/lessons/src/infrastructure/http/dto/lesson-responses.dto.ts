import { ApiProperty } from '@nestjs/swagger';
import type { ExerciseKind } from '../../../domain/exercise.js';
import type { LessonDifficulty } from '../../../domain/lesson-draft.js';

export class TopicDto {
  /** @example "apis" */
  topic!: string;
  /** @example "APIs" */
  title!: string;
  /**
   * Published lessons in the topic.
   * @example 4
   */
  @ApiProperty({ type: 'integer' })
  lessonCount!: number;
}

export class LessonSummaryDto {
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "apis" */
  topic!: string;
  /** @example "What Is an API? The Waiter Between Apps" */
  title!: string;
  /** @example "APIs let one piece of software ask another for data or actions." */
  summary!: string;
  /** @example "beginner" */
  difficulty!: LessonDifficulty;
  /**
   * Place within the topic, from 1.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  sequenceOrder!: number;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  estimatedMinutes!: number;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  exerciseCount!: number;
}

export class LessonPageDto {
  items!: LessonSummaryDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzQsMiwxNF0"
   */
  nextCursor!: string | null;
}

/** An exercise as a learner sees it: the correct answer and explanation come with the graded attempt. */
export class LearnerExerciseDto {
  /** @example "apis-1-2" */
  id!: string;
  /** @example "single_choice" */
  kind!: ExerciseKind;
  /** @example "In the restaurant analogy, what does the API represent?" */
  prompt!: string;
  /**
   * Choices (single and multiple choice).
   * @example ["The waiter", "The kitchen", "The customer", "The dish"]
   */
  options?: string[];
  /**
   * Items to put in order, in display order (ordering).
   * @example ["Server processes", "Send request", "Receive response"]
   */
  items?: string[];
}

/** An uploaded asset shown in the lesson, as frozen when the version was published. */
export class PublishedMediaDto {
  /** @example 7 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "image" */
  kind!: 'image' | 'video' | 'audio';
  /** @example "/media/3f9c2d1e0b7a4c55.png" */
  url!: string;
  /** @example "A waiter carrying an order from a table to the kitchen" */
  alt!: string;
}

export class LessonDetailDto {
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "apis" */
  topic!: string;
  /** @example "What Is an API? The Waiter Between Apps" */
  title!: string;
  /** @example "APIs let one piece of software ask another for data or actions." */
  summary!: string;
  /**
   * Markdown.
   * @example "Your weather app doesn't own a weather station..."
   */
  content!: string;
  /** @example "beginner" */
  difficulty!: LessonDifficulty;
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  sequenceOrder!: number;
  /** @example 4 */
  @ApiProperty({ type: 'integer' })
  estimatedMinutes!: number;
  /**
   * The immutable published version shown; an attempt answers this version.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  version!: number;
  media!: PublishedMediaDto[];
  exercises!: LearnerExerciseDto[];
}
