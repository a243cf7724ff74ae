/** An admin item from `feedback f JOIN lessons l`. */
export const ADMIN_ITEM_COLUMNS = `f.feedback_id AS id, f.lesson_id AS "lessonId", l.title AS "lessonTitle",
  f.user_id AS "userId", f.rating, f.comment, f.status, f.admin_note AS "adminNote",
  f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

/** The learner's share of their data export (`GET /me/export`), admin notes included: they are about them too. */
export const FEEDBACK_EXPORT_SQL = `SELECT feedback_id AS id, lesson_id AS "lessonId", rating, comment, status,
       admin_note AS "adminNote", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM feedback WHERE user_id = $1 ORDER BY feedback_id`;
