import type { LessonSortKey } from '../../application/lesson-catalogue.reader.js';
import type { LessonState } from '../../domain/lesson.js';

/** A lesson's working copy as `LessonStateRow`, from `lessons l`. */
export const LESSON_STATE_COLUMNS = `l.lesson_id AS id, l.topic, l.sequence_order AS "sequenceOrder", l.title, l.summary,
  l.content, l.difficulty, l.estimated_minutes AS "estimatedMinutes", l.media, l.exercises, l.status, l.revision,
  l.published_version AS "publishedVersion", l.published_revision AS "publishedRevision",
  l.created_at AS "createdAt", l.updated_at AS "updatedAt"`;

export type LessonStateRow = Omit<LessonState, 'content'> &
  LessonState['content'] & {
    createdAt: Date;
    updatedAt: Date;
  };

export function toLessonState(row: LessonStateRow): LessonState {
  const { id, topic, sequenceOrder, status, revision, publishedVersion, publishedRevision } = row;
  const { title, summary, content, difficulty, estimatedMinutes, media, exercises } = row;
  return {
    id,
    topic,
    sequenceOrder,
    status,
    revision,
    publishedVersion,
    publishedRevision,
    content: { title, summary, content, difficulty, estimatedMinutes, media, exercises },
  };
}

export interface CatalogueOrderQuery {
  /** Selected columns; must include `id` and `"sequenceOrder"`. */
  columns: string;
  /** Must name the lessons `l` and join the topics `t`. */
  from: string;
  /** Fixed conditions, e.g. `l.status = 'published'`. */
  conditions: string[];
  /** `column = value` filters; undefined values are left out. */
  equals: Record<string, unknown>;
  after?: LessonSortKey;
  limit: number;
}

/**
 * Lessons in catalogue order (topic position, sequence, id), the page after `after`, each with its
 * sort key for the next cursor: the one keyset query the learner and admin lists share.
 */
export async function listInCatalogueOrder<T extends { id: number; sequenceOrder: number }>(
  run: (sql: string, parameters: unknown[]) => Promise<(T & { topicPosition: number })[]>,
  query: CatalogueOrderQuery,
): Promise<{ lesson: T; key: LessonSortKey }[]> {
  const parameters: unknown[] = [];
  const bind = (value: unknown): string => `$${parameters.push(value)}`;
  const where = ['true', ...query.conditions];
  for (const [column, value] of Object.entries(query.equals)) {
    if (value !== undefined) where.push(`${column} = ${bind(value)}`);
  }
  if (query.after) {
    const { topicPosition, sequenceOrder, lessonId } = query.after;
    where.push(
      `(t.position, l.sequence_order, l.lesson_id) > (${bind(topicPosition)}::bigint, ${bind(sequenceOrder)}::bigint, ${bind(lessonId)}::bigint)`,
    );
  }
  const rows = await run(
    `SELECT ${query.columns}, t.position AS "topicPosition"
     FROM ${query.from}
     WHERE ${where.join(' AND ')}
     ORDER BY t.position, l.sequence_order, l.lesson_id
     LIMIT ${bind(query.limit)}`,
    parameters,
  );
  return rows.map(({ topicPosition, ...lesson }) => ({
    lesson: lesson as unknown as T,
    key: { topicPosition, sequenceOrder: lesson.sequenceOrder, lessonId: lesson.id },
  }));
}
