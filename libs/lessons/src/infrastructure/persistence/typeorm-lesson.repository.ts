import { Injectable } from '@nestjs/common';
import { isForeignKeyViolation, Transactions } from '@techtrek/platform';
import type { PublishedMedia } from '../../application/lesson-catalogue.reader.js';
import { LessonRepository, type NewLesson } from '../../application/lesson.repository.js';
import { Lesson, type LessonState, type VersionToFreeze } from '../../domain/lesson.js';
import { isStoredId } from '@techtrek/platform/kernel';
import { LESSON_STATE_COLUMNS, toLessonState, type LessonStateRow } from './lesson-state-sql.js';

@Injectable()
export class TypeOrmLessonRepository extends LessonRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async findForUpdate(id: number): Promise<Lesson | null> {
    if (!isStoredId(id)) return null;
    const rows: LessonStateRow[] = await this.query(
      `SELECT ${LESSON_STATE_COLUMNS} FROM lessons l WHERE l.lesson_id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? Lesson.restore(toLessonState(rows[0])) : null;
  }

  async topicExists(topic: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM topics WHERE topic = $1`, [topic])).length > 0;
  }

  async create({ topic, sequenceOrder, content }: NewLesson): Promise<Lesson> {
    // Serialises inserts into one topic, so two creates never pick the same place.
    await this.query(`SELECT 1 FROM topics WHERE topic = $1 FOR UPDATE`, [topic]);
    await this.query(`SET CONSTRAINTS lessons_topic_sequence_key DEFERRED`);
    if (sequenceOrder !== undefined) {
      await this.query(
        `UPDATE lessons SET sequence_order = sequence_order + 1 WHERE topic = $1 AND sequence_order >= $2`,
        [topic, sequenceOrder],
      );
    }
    const rows: LessonStateRow[] = await this.query(
      `INSERT INTO lessons AS l (topic, sequence_order, title, summary, content, difficulty, estimated_minutes, media, exercises)
       VALUES ($1, COALESCE($2, (SELECT COALESCE(max(sequence_order), 0) + 1 FROM lessons WHERE topic = $1)),
               $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
       RETURNING ${LESSON_STATE_COLUMNS}`,
      [topic, sequenceOrder ?? null, ...contentValues(content)],
    );
    return Lesson.restore(toLessonState(rows[0]));
  }

  async save(lesson: Lesson): Promise<void> {
    const state = lesson.snapshot;
    await this.query(
      `UPDATE lessons SET title = $2, summary = $3, content = $4, difficulty = $5, estimated_minutes = $6,
              media = $7::jsonb, exercises = $8::jsonb, status = $9, revision = $10,
              published_version = $11, published_revision = $12, updated_at = now()
       WHERE lesson_id = $1`,
      [state.id, ...contentValues(state.content), ...pointerValues(state)],
    );
  }

  async freezeVersion(
    lessonId: number,
    { version, revision, content }: VersionToFreeze,
    media: readonly PublishedMedia[],
    publishedBy: number,
  ): Promise<void> {
    await this.query(
      `INSERT INTO lesson_versions (lesson_id, version, revision, title, summary, content, difficulty,
                                    estimated_minutes, media, exercises, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)`,
      [lessonId, version, revision, ...contentValues({ ...content, media: [...media] }), publishedBy],
    );
  }

  async delete(id: number): Promise<boolean> {
    try {
      // Learners' progress references the lesson (ON DELETE RESTRICT): then it stays.
      await this.transactions.savepoint(() => this.query(`DELETE FROM lessons WHERE lesson_id = $1`, [id]));
      return true;
    } catch (error) {
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  async lessonIdsOfTopicForUpdate(topic: string): Promise<number[]> {
    const rows: { id: number }[] = await this.query(
      `SELECT lesson_id AS id FROM lessons WHERE topic = $1 ORDER BY sequence_order, lesson_id FOR UPDATE`,
      [topic],
    );
    return rows.map((row) => row.id);
  }

  async reorder(topic: string, lessonIds: readonly number[]): Promise<void> {
    await this.query(`SET CONSTRAINTS lessons_topic_sequence_key DEFERRED`);
    // A move is an edit (new admin ETag) but not unpublished content: a lesson in sync stays so.
    await this.query(
      `UPDATE lessons l
          SET sequence_order = o.position,
              published_revision = CASE WHEN l.published_revision = l.revision THEN l.revision + 1 ELSE l.published_revision END,
              revision = l.revision + 1,
              updated_at = now()
         FROM unnest($2::int[]) WITH ORDINALITY AS o (lesson_id, position)
        WHERE l.lesson_id = o.lesson_id AND l.topic = $1 AND l.sequence_order <> o.position`,
      [topic, lessonIds],
    );
  }

  private query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return this.transactions.manager.query(sql, parameters);
  }
}

function contentValues({
  title,
  summary,
  content,
  difficulty,
  estimatedMinutes,
  media,
  exercises,
}: Omit<LessonState['content'], 'media'> & { media: unknown[] }) {
  return [title, summary, content, difficulty, estimatedMinutes, JSON.stringify(media), JSON.stringify(exercises)];
}

function pointerValues(state: LessonState) {
  return [state.status, state.revision, state.publishedVersion, state.publishedRevision];
}
