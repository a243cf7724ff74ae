import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackReader, type FeedbackListFilter, type FeedbackSortKey } from '../../application/feedback.reader.js';
import type { AdminFeedbackItem } from '../../application/feedback.repository.js';
import { isStoredId } from '@techtrek/platform/kernel';
import { ADMIN_ITEM_COLUMNS } from './feedback-sql.js';

type FeedbackRow = AdminFeedbackItem & { createdAtMicros: string };

@Injectable()
export class TypeOrmFeedbackReader extends FeedbackReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(filter: FeedbackListFilter): Promise<{ item: AdminFeedbackItem; key: FeedbackSortKey }[]> {
    if (filter.lessonId !== undefined && !isStoredId(filter.lessonId)) return [];
    const parameters: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    if (filter.status !== undefined) where.push(`f.status = ${bind(filter.status)}`);
    if (filter.lessonId !== undefined) where.push(`f.lesson_id = ${bind(filter.lessonId)}`);
    if (filter.after) {
      // Microseconds back to timestamptz exactly (interval arithmetic, no floating-point seconds).
      where.push(
        `(f.created_at, f.feedback_id) < ('epoch'::timestamptz + ${bind(filter.after.createdAtMicros)}::bigint * interval '1 microsecond', ${bind(filter.after.id)}::bigint)`,
      );
    }
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT ${ADMIN_ITEM_COLUMNS}, (extract(epoch FROM f.created_at) * 1000000)::bigint AS "createdAtMicros"
       FROM feedback f JOIN lessons l ON l.lesson_id = f.lesson_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.created_at DESC, f.feedback_id DESC
       LIMIT ${bind(filter.limit)}`,
      parameters,
    );
    return rows.map(({ createdAtMicros, ...item }) => ({
      item,
      key: { createdAtMicros: Number(createdAtMicros), id: item.id },
    }));
  }

  async averageRating(lessonId: number): Promise<number | null> {
    if (!isStoredId(lessonId)) return null;
    const rows: { average: number | null }[] = await this.dataSource.query(
      `SELECT round(avg(rating), 2)::float AS average FROM feedback WHERE lesson_id = $1`,
      [lessonId],
    );
    return rows[0]?.average ?? null;
  }
}
