import { Injectable } from '@nestjs/common';
import { AuditTrail, Transactions } from '@techtrek/platform';
import type { Lesson } from '../domain/lesson.js';
import { AdminLessonNotFoundError } from '../domain/lesson.errors.js';
import { AdminLessonQuery } from './admin-lesson.query.js';
import type { AdminLessonRecord } from './admin-lesson.reader.js';
import { LessonRepository } from './lesson.repository.js';

/** Who changes which lesson, and the revisions their `If-Match` accepts (`undefined`: any). */
export interface LessonCommand {
  actorId: number;
  lessonId: number;
  acceptedRevisions?: readonly number[];
}

/**
 * The frame every change to an existing lesson shares: one transaction, the lesson locked, the
 * `If-Match` revision checked, and an audit record with the lesson before and after.
 */
@Injectable()
export class LessonChangeRunner {
  constructor(
    private readonly transactions: Transactions,
    private readonly lessons: LessonRepository,
    private readonly query: AdminLessonQuery,
    private readonly audit: AuditTrail,
  ) {}

  /** Applies `edit` to the locked lesson and saves it; returns the lesson as it is now. */
  async change(command: LessonCommand, action: string, edit: (lesson: Lesson) => Promise<void> | void) {
    const after = await this.run(command, action, async (lesson) => {
      await edit(lesson);
      await this.lessons.save(lesson);
      return this.query.get(command.lessonId);
    });
    return after as AdminLessonRecord;
  }

  /** Runs `remove` on the locked lesson, which is gone afterwards. */
  async remove(command: LessonCommand, action: string, remove: (lesson: Lesson) => Promise<void>): Promise<void> {
    await this.run(command, action, async (lesson) => {
      await remove(lesson);
      return null;
    });
  }

  private run(command: LessonCommand, action: string, apply: (lesson: Lesson) => Promise<AdminLessonRecord | null>) {
    return this.transactions.run(async () => {
      const lesson = await this.lessons.findForUpdate(command.lessonId);
      if (!lesson) throw new AdminLessonNotFoundError(command.lessonId);
      lesson.assertRevision(command.acceptedRevisions);
      const before = await this.query.get(command.lessonId);
      const after = await apply(lesson);
      await this.audit.record({
        actorId: command.actorId,
        action,
        entityType: 'lesson',
        entityId: command.lessonId,
        before,
        after,
      });
      return after;
    });
  }
}
