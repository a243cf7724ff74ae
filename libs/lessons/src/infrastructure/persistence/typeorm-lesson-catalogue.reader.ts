import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LessonCatalogueReader,
  type LessonListFilter,
  type LessonSortKey,
  type LessonSummary,
  type PublishedLesson,
  type TopicSummary,
} from '../../application/lesson-catalogue.reader.js';

/** `lesson_id` is an `integer`: a larger id cannot exist, and PostgreSQL would refuse to compare it. */
const MAX_INTEGER = 2_147_483_647;

const SUMMARY_COLUMNS = `l.lesson_id AS id, l.topic, l.title, l.summary, l.difficulty,
  l.sequence_order AS "sequenceOrder", l.estimated_minutes AS "estimatedMinutes"`;

type LessonRow = LessonSummary & { topicPosition: number };

@Injectable()
export class TypeOrmLessonCatalogueReader extends LessonCatalogueReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  listTopics(): Promise<TopicSummary[]> {
    return this.dataSource.query(
      `SELECT t.topic, t.title, count(*)::int AS "lessonCount"
       FROM topics t JOIN lessons l ON l.topic = t.topic AND l.status = 'published'
       GROUP BY t.topic
       ORDER BY t.position`,
    );
  }

  async listLessons(filter: LessonListFilter): Promise<{ lesson: LessonSummary; key: LessonSortKey }[]> {
    const parameters: unknown[] = [];
    const where = [`l.status = 'published'`];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    if (filter.topic !== undefined) where.push(`l.topic = ${bind(filter.topic)}`);
    if (filter.difficulty !== undefined) where.push(`l.difficulty = ${bind(filter.difficulty)}`);
    if (filter.after) {
      const { topicPosition, sequenceOrder, lessonId } = filter.after;
      where.push(
        `(t.position, l.sequence_order, l.lesson_id) > (${bind(topicPosition)}::bigint, ${bind(sequenceOrder)}::bigint, ${bind(lessonId)}::bigint)`,
      );
    }
    const rows: LessonRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, jsonb_array_length(l.exercises) AS "exerciseCount", t.position AS "topicPosition"
       FROM lessons l JOIN topics t ON t.topic = l.topic
       WHERE ${where.join(' AND ')}
       ORDER BY t.position, l.sequence_order, l.lesson_id
       LIMIT ${bind(filter.limit)}`,
      parameters,
    );
    return rows.map(({ topicPosition, ...lesson }) => ({
      lesson,
      key: { topicPosition, sequenceOrder: lesson.sequenceOrder, lessonId: lesson.id },
    }));
  }

  async findPublishedLesson(id: number): Promise<PublishedLesson | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_INTEGER) return null;
    const rows: PublishedLesson[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, l.content, l.exercises
       FROM lessons l
       WHERE l.lesson_id = $1 AND l.status = 'published'`,
      [id],
    );
    return rows[0] ?? null;
  }
}
