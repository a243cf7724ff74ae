import { Injectable } from '@nestjs/common';
import type { AdminLessonRecord } from './admin-lesson.reader.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { LessonChangeRunner, type LessonCommand } from './lesson-change-runner.js';

/** Hides a lesson from learners at once; its versions and learners' history stay. */
@Injectable()
export class UnpublishLessonUseCase {
  constructor(
    private readonly changes: LessonChangeRunner,
    private readonly catalogue: CatalogueChanges,
  ) {}

  execute(command: LessonCommand): Promise<AdminLessonRecord> {
    return this.changes.change(command, 'lesson.unpublished', async (lesson) => {
      if (lesson.unpublish()) await this.catalogue.recordChange([command.lessonId]);
    });
  }
}
