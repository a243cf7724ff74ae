import { PageQueryDto } from '@techtrek/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LESSON_DIFFICULTIES, type LessonDifficulty } from '../../../domain/lesson-draft.js';

export class ListLessonsQueryDto extends PageQueryDto {
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
}
