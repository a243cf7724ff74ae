import { Omittable, PageQueryDto } from '@techtrek/platform';
import { IsIn, IsString, Length } from 'class-validator';
import { LESSON_DIFFICULTIES, type LessonDifficulty } from '../../../domain/lesson-draft.js';

export class ListLessonsQueryDto extends PageQueryDto {
  /**
   * A topic slug from GET /topics. An unknown topic gives an empty list.
   * @example "apis"
   */
  @Omittable()
  @IsString()
  @Length(1, 64)
  topic?: string;

  /** @example "beginner" */
  @Omittable()
  @IsIn(LESSON_DIFFICULTIES)
  difficulty?: LessonDifficulty;
}
