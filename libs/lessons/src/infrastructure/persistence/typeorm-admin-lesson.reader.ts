import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  AdminLessonReader,
  type AdminLessonFilter,
  type AdminLessonRecord,
  type AdminLessonSummary,
} from '../../application/admin-lesson.reader.js';
import type { LessonSortKey } from '../../application/lesson-catalogue.reader.js';
import { isStoredId } from '@techtrek/platform/kernel';
import { listInCatalogueOrder } from './lesson-state-sql.js';

const SUMMARY_COLUMNS = `l.lesson_id AS id, l.topic, l.sequence_order AS "sequenceOrder", l.title, l.summary,
  l.difficulty, l.estimated_minutes AS "estimatedMinutes", l.status, l.revision,
  l.published_version AS "publishedVersion",
  l.published_revision IS DISTINCT FROM l.revision AS "hasUnpublishedChanges",
  l.created_at AS "createdAt", l.updated_at AS "updatedAt"`;

@Injectable()
export class TypeOrmAdminLessonReader extends AdminLessonReader {
  // Through the transaction context: a use case reads its own uncommitted write for the audit.
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async find(id: number): Promise<AdminLessonRecord | null> {
    if (!isStoredId(id)) return null;
    const rows: AdminLessonRecord[] = await this.transactions.manager.query(
      `SELECT ${SUMMARY_COLUMNS}, l.content, l.media, l.exercises FROM lessons l WHERE l.lesson_id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  list(filter: AdminLessonFilter): Promise<{ lesson: AdminLessonSummary; key: LessonSortKey }[]> {
    return listInCatalogueOrder<AdminLessonSummary>(
      (sql, parameters) => this.transactions.manager.query(sql, parameters),
      {
        columns: `${SUMMARY_COLUMNS}, jsonb_array_length(l.exercises) AS "exerciseCount"`,
        from: 'lessons l JOIN topics t ON t.topic = l.topic',
        conditions: [],
        equals: { 'l.topic': filter.topic, 'l.status': filter.status },
        after: filter.after,
        limit: filter.limit,
      },
    );
  }
}
