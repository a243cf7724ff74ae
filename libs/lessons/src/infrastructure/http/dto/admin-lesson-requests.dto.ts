import { OmitType, PartialType, ApiProperty } from '@nestjs/swagger';
import { Omittable, PageQueryDto } from '@techtrek/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ExerciseDefinition } from '../../../domain/exercise.js';
import { LESSON_DIFFICULTIES, type LessonDifficulty } from '../../../domain/lesson-draft.js';
import type { LessonStatus } from '../../../domain/lesson.js';
import { MAX_STORED_ID } from '@techtrek/platform/kernel';
const TOPIC_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_EXERCISES = 50;

export class LessonMediaReferenceDto {
  /**
   * The id `POST /admin/media` returned.
   * @example 7
   */
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  assetId!: number;

  /**
   * Describes the asset for screen readers (at most 300 characters).
   * @example "A waiter carrying an order from a table to the kitchen"
   */
  @IsString()
  alt!: string;
}

/**
 * Lengths and exercise rules are checked by the lesson itself, so the answer names the exact field
 * (`exercises[2].options`); this DTO only checks types.
 */
export class CreateLessonRequestDto {
  /** @example "apis" */
  @IsString()
  @Matches(TOPIC_SLUG, { message: 'must be a topic slug such as "apis"' })
  topic!: string;

  /**
   * Place in the topic, from 1; the lessons from there on move down one. Last when absent.
   * @example 2
   */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10_000)
  @ApiProperty({ type: 'integer' })
  sequenceOrder?: number;

  /** @example "REST in Plain English" */
  @IsString()
  title!: string;

  /** @example "Resources, verbs and status codes: the grammar most APIs speak." */
  @IsString()
  summary!: string;

  /**
   * Markdown, up to 50,000 characters.
   * @example "Most web APIs follow a style called **REST**..."
   */
  @IsString()
  content!: string;

  /** @example "beginner" */
  @IsIn(LESSON_DIFFICULTIES)
  difficulty!: LessonDifficulty;

  /** @example 5 */
  @IsInt()
  @ApiProperty({ type: 'integer' })
  estimatedMinutes!: number;

  /** Uploaded assets shown in the lesson, in order. */
  @Omittable()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LessonMediaReferenceDto)
  media?: LessonMediaReferenceDto[];

  /**
   * `{id?, kind, prompt, options?, items?, correct, explanation}` each; ids are assigned when
   * absent and kept when sent back. A draft may have none; publishing needs at least one.
   * @example [{"kind": "true_false", "prompt": "GET requests change data on the server.", "correct": [false], "explanation": "GET only reads."}]
   */
  @IsArray()
  @ArrayMaxSize(MAX_EXERCISES)
  @IsObject({ each: true })
  exercises!: ExerciseDefinition[];
}

/** Any subset of the content; `media` and `exercises` replace the whole list. */
export class UpdateLessonRequestDto extends PartialType(OmitType(CreateLessonRequestDto, ['topic', 'sequenceOrder']), {
  skipNullProperties: false,
}) {}

export class ListAdminLessonsQueryDto extends PageQueryDto {
  /** @example "apis" */
  @Omittable()
  @IsString()
  topic?: string;

  /** @example "draft" */
  @Omittable()
  @IsIn(['draft', 'published'])
  status?: LessonStatus;
}

export class ReorderTopicRequestDto {
  /**
   * Every lesson of the topic (drafts too), each once, in the new order.
   * @example [14, 13, 16, 15]
   */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1_000)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_STORED_ID, { each: true })
  @ApiProperty({ type: 'integer', isArray: true })
  lessonIds!: number[];
}
