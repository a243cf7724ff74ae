import { Injectable } from '@nestjs/common';
import type { AdminLessonRecord } from './admin-lesson.reader.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { LessonChangeRunner, type LessonCommand } from './lesson-change-runner.js';
import { LessonMedia } from './lesson-media.js';
import { LessonRepository } from './lesson.repository.js';

/**
 * Makes the working copy what learners see: frozen as a new immutable version (unless the latest
 * version already holds it), the catalogue cache emptied, the CDN purged.
 */
@Injectable()
export class PublishLessonUseCase {
  constructor(
    private readonly changes: LessonChangeRunner,
    private readonly lessons: LessonRepository,
    private readonly media: LessonMedia,
    private readonly catalogue: CatalogueChanges,
  ) {}

  execute(command: LessonCommand): Promise<AdminLessonRecord> {
    return this.changes.change(command, 'lesson.published', async (lesson) => {
      const { freeze, changed } = lesson.publish();
      if (freeze) {
        const media = await this.media.forPublishing(freeze.content.media);
        await this.lessons.freezeVersion(command.lessonId, freeze, media, command.actorId);
      }
      if (changed) await this.catalogue.recordChange([command.lessonId]);
    });
  }
}
