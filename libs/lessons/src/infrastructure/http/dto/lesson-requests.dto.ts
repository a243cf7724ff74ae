import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LESSON_DIFFICULTIES, type LessonDifficulty } from '../../../domain/lesson-draft.js';

/** Only plain digits become a number; anything else stays a string and fails `@IsInt`. */
const wholeNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;

export class ListLessonsQueryDto {
  /**
   * A topic slug from GET /topics. An unknown topic gives an empty list.
   * @example "apis"
   */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  topic?: string;

  /** @example "beginner" */
  @IsOptional()
  @IsIn(LESSON_DIFFICULTIES)
  difficulty?: LessonDifficulty;

  /**
   * Page size, 1–100.
   * @example 20
   */
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /**
   * The `nextCursor` of the previous page; absent for the first page.
   * @example "WzEsNCwxMl0"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
