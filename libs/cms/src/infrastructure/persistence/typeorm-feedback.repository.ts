import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  FeedbackRepository,
  type AdminFeedbackItem,
  type SubmittedFeedback,
} from '../../application/feedback.repository.js';
import type { FeedbackReview, NewFeedback } from '../../domain/feedback.js';
import { isStoredId } from '@techtrek/platform/kernel';
import { ADMIN_ITEM_COLUMNS } from './feedback-sql.js';

@Injectable()
export class TypeOrmFeedbackRepository extends FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Checks the lesson is published in the insert itself: no window for it to turn draft in between. */
  async add(feedback: NewFeedback): Promise<SubmittedFeedback | null> {
    if (!isStoredId(feedback.lessonId)) return null;
    const rows: SubmittedFeedback[] = await this.dataSource.query(
      `INSERT INTO feedback (user_id, lesson_id, rating, comment, status)
       SELECT $1, l.lesson_id, $3, $4, $5 FROM lessons l WHERE l.lesson_id = $2 AND l.status = 'published'
       RETURNING feedback_id AS id, lesson_id AS "lessonId", rating, comment, status, created_at AS "createdAt"`,
      [feedback.userId, feedback.lessonId, feedback.rating, feedback.comment, feedback.status],
    );
    return rows[0] ?? null;
  }

  async review(id: number, review: FeedbackReview): Promise<AdminFeedbackItem | null> {
    if (!isStoredId(id)) return null;
    const rows: AdminFeedbackItem[] = await this.dataSource.query(
      `WITH f AS (
         UPDATE feedback
            SET status = COALESCE($2::text, status),
                admin_note = CASE WHEN $3::boolean THEN $4::text ELSE admin_note END,
                updated_at = now()
          WHERE feedback_id = $1
         RETURNING *
       )
       SELECT ${ADMIN_ITEM_COLUMNS} FROM f JOIN lessons l ON l.lesson_id = f.lesson_id`,
      [id, review.status ?? null, review.adminNote !== undefined, review.adminNote ?? null],
    );
    return rows[0] ?? null;
  }
}
