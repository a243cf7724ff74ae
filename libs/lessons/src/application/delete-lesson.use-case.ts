import { Injectable } from '@nestjs/common';
import { LessonInUseError } from '../domain/lesson.errors.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { LessonChangeRunner, type LessonCommand } from './lesson-change-runner.js';
import { LessonRepository } from './lesson.repository.js';

/**
 * Deletes a lesson with its versions and feedback. Refused while learners have progress on it:
 * their history would go with it (unpublishing hides it instead).
 */
@Injectable()
export class DeleteLessonUseCase {
  constructor(
    private readonly changes: LessonChangeRunner,
    private readonly lessons: LessonRepository,
    private readonly catalogue: CatalogueChanges,
  ) {}

  execute(command: LessonCommand): Promise<void> {
    return this.changes.remove(command, 'lesson.deleted', async (lesson) => {
      if (!(await this.lessons.delete(command.lessonId))) throw new LessonInUseError();
      if (lesson.snapshot.status === 'published') await this.catalogue.recordChange([command.lessonId]);
    });
  }
}
