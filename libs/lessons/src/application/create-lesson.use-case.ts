import { Injectable } from '@nestjs/common';
import { AuditTrail, Transactions } from '@techtrek/platform';
import { Lesson, type LessonContent } from '../domain/lesson.js';
import { InvalidLessonError } from '../domain/lesson.errors.js';
import { AdminLessonQuery } from './admin-lesson.query.js';
import type { AdminLessonRecord } from './admin-lesson.reader.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { withExerciseIds } from './exercise-ids.js';
import { LessonMedia } from './lesson-media.js';
import { LessonRepository } from './lesson.repository.js';

export interface CreateLessonInput {
  actorId: number;
  topic: string;
  /** Where in the topic (1 = first); the lessons from there on move down. Last when absent. */
  sequenceOrder?: number;
  content: LessonContent;
}

/** A new lesson, always a draft: learners see it only once it is published. */
@Injectable()
export class CreateLessonUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly lessons: LessonRepository,
    private readonly media: LessonMedia,
    private readonly query: AdminLessonQuery,
    private readonly catalogue: CatalogueChanges,
    private readonly audit: AuditTrail,
  ) {}

  execute(input: CreateLessonInput): Promise<AdminLessonRecord> {
    const content = Lesson.validateNew({ ...input.content, exercises: withExerciseIds(input.content.exercises) });
    return this.transactions.run(async () => {
      if (!(await this.lessons.topicExists(input.topic))) {
        throw new InvalidLessonError([{ field: 'topic', message: `"${input.topic}" is not a topic` }]);
      }
      await this.media.assertUploaded(content.media);
      const lesson = await this.lessons.create({ topic: input.topic, sequenceOrder: input.sequenceOrder, content });
      const { id } = lesson.snapshot;
      // Inserting at a place moves published lessons down: learners see the new order.
      if (input.sequenceOrder !== undefined) await this.catalogue.recordChange([]);
      const created = await this.query.get(id);
      await this.audit.record({
        actorId: input.actorId,
        action: 'lesson.created',
        entityType: 'lesson',
        entityId: id,
        before: null,
        after: created,
      });
      return created;
    });
  }
}
