import { Injectable } from '@nestjs/common';
import type { LessonContent } from '../domain/lesson.js';
import type { AdminLessonRecord } from './admin-lesson.reader.js';
import { withExerciseIds } from './exercise-ids.js';
import { LessonChangeRunner, type LessonCommand } from './lesson-change-runner.js';
import { LessonMedia } from './lesson-media.js';

export interface UpdateLessonInput extends LessonCommand {
  /** Only the fields sent; `exercises` and `media` replace the whole list. */
  changes: Partial<LessonContent>;
}

/**
 * Edits the working copy. A published lesson keeps showing its published version to learners
 * until the next publish, so an edit never changes what anyone is answering.
 */
@Injectable()
export class UpdateLessonUseCase {
  constructor(
    private readonly changes: LessonChangeRunner,
    private readonly media: LessonMedia,
  ) {}

  execute(input: UpdateLessonInput): Promise<AdminLessonRecord> {
    const changes = input.changes.exercises
      ? { ...input.changes, exercises: withExerciseIds(input.changes.exercises) }
      : input.changes;
    return this.changes.change(input, 'lesson.updated', async (lesson) => {
      lesson.edit(changes);
      if (changes.media) await this.media.assertUploaded(changes.media);
    });
  }
}
