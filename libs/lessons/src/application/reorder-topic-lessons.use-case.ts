import { Injectable } from '@nestjs/common';
import { AuditTrail, Transactions } from '@techtrek/platform';
import { TopicNotFoundError, TopicOrderMismatchError } from '../domain/lesson.errors.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { LessonRepository } from './lesson.repository.js';

export interface ReorderTopicLessonsInput {
  actorId: number;
  topic: string;
  /** Every lesson of the topic (drafts too), each once, in the new order. */
  lessonIds: number[];
}

/** Puts a topic's lessons in a new order in one transaction: learners never see a half-done order. */
@Injectable()
export class ReorderTopicLessonsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly lessons: LessonRepository,
    private readonly catalogue: CatalogueChanges,
    private readonly audit: AuditTrail,
  ) {}

  execute({ actorId, topic, lessonIds }: ReorderTopicLessonsInput): Promise<{ topic: string; lessonIds: number[] }> {
    return this.transactions.run(async () => {
      if (!(await this.lessons.topicExists(topic))) throw new TopicNotFoundError(topic);
      const current = await this.lessons.lessonIdsOfTopicForUpdate(topic);
      const missing = current.filter((id) => !lessonIds.includes(id));
      const unknown = lessonIds.filter((id) => !current.includes(id));
      if (missing.length > 0 || unknown.length > 0) throw new TopicOrderMismatchError(missing, unknown);
      await this.lessons.reorder(topic, lessonIds);
      await this.catalogue.recordChange(lessonIds);
      await this.audit.record({
        actorId,
        action: 'topic.reordered',
        entityType: 'topic',
        entityId: topic,
        before: { lessonIds: current },
        after: { lessonIds },
      });
      return { topic, lessonIds };
    });
  }
}
