import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LessonCatalogueReader,
  type LessonListFilter,
  type LessonSortKey,
  type LessonSummary,
  type PublishedLesson,
  type PublishedLessonTopic,
  type TopicSummary,
} from '../../application/lesson-catalogue.reader.js';

import { isStoredId } from '@techtrek/platform/kernel';
import { listInCatalogueOrder } from './lesson-state-sql.js';

/**
 * Learners see the published version (`v`), never the working copy; only the place in the topic
 * comes from the lesson itself, so a reorder is live at once.
 */
const PUBLISHED = `lessons l JOIN lesson_versions v ON v.lesson_id = l.lesson_id AND v.version = l.published_version`;

const SUMMARY_COLUMNS = `l.lesson_id AS id, l.topic, v.title, v.summary, v.difficulty,
  l.sequence_order AS "sequenceOrder", v.estimated_minutes AS "estimatedMinutes"`;

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

  listLessons(filter: LessonListFilter): Promise<{ lesson: LessonSummary; key: LessonSortKey }[]> {
    return listInCatalogueOrder<LessonSummary>((sql, parameters) => this.dataSource.query(sql, parameters), {
      columns: `${SUMMARY_COLUMNS}, jsonb_array_length(v.exercises) AS "exerciseCount"`,
      from: `${PUBLISHED} JOIN topics t ON t.topic = l.topic`,
      conditions: [`l.status = 'published'`],
      equals: { 'l.topic': filter.topic, 'v.difficulty': filter.difficulty },
      after: filter.after,
      limit: filter.limit,
    });
  }

  listPublishedLessonTopics(): Promise<PublishedLessonTopic[]> {
    return this.dataSource.query(
      `SELECT l.lesson_id AS "lessonId", l.topic
       FROM lessons l JOIN topics t ON t.topic = l.topic
       WHERE l.status = 'published'
       ORDER BY t.position, l.sequence_order, l.lesson_id`,
    );
  }

  async findPublishedLesson(id: number): Promise<PublishedLesson | null> {
    if (!isStoredId(id)) return null;
    const rows: PublishedLesson[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, v.version, v.content, v.media, v.exercises
       FROM ${PUBLISHED}
       WHERE l.lesson_id = $1 AND l.status = 'published'`,
      [id],
    );
    return rows[0] ?? null;
  }
}
