import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { EntityManager } from 'typeorm';
import type { CurriculumImportReport } from '../../application/curriculum.repository.js';
import { CurriculumRepository } from '../../application/curriculum.repository.js';
import type { Curriculum, CurriculumTopic } from '../../domain/curriculum.js';
import type { LessonDraft } from '../../domain/lesson-draft.js';

/** Two seeds at once (two deploys) must not interleave: they queue on this lock. */
const CURRICULUM_LOCK = 'techtrek:curriculum-import';

@Injectable()
export class TypeOrmCurriculumRepository extends CurriculumRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  /** In the caller's transaction (`Transactions.run`), which also records the catalogue change. */
  async addMissing(curriculum: Curriculum): Promise<CurriculumImportReport> {
    const manager = this.transactions.manager;
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CURRICULUM_LOCK]);
    const report: CurriculumImportReport = { topicsCreated: 0, lessonsCreated: 0, lessonsUnchanged: 0 };
    for (const topic of curriculum.topics) {
      report.topicsCreated += await this.addTopicIfMissing(manager, topic);
      for (const [index, lesson] of topic.lessons.entries()) {
        const created = await this.addLessonIfMissing(manager, topic.topic, index + 1, lesson);
        report[created ? 'lessonsCreated' : 'lessonsUnchanged'] += 1;
      }
    }
    return report;
  }

  /** New topics go after the existing ones, so admin reordering is kept. */
  private async addTopicIfMissing(manager: EntityManager, topic: CurriculumTopic): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO topics (topic, title, description, position)
       SELECT $1, $2, $3, COALESCE((SELECT max(position) FROM topics), 0) + 1
       WHERE NOT EXISTS (SELECT 1 FROM topics WHERE topic = $1)
       RETURNING topic`,
      [topic.topic, topic.title, topic.description ?? ''],
    );
    return rows.length;
  }

  // Not ON CONFLICT: (topic, sequence_order) is a deferrable constraint, which cannot arbitrate.
  // Starter content is published as version 1 of itself.
  private async addLessonIfMissing(
    manager: EntityManager,
    topic: string,
    sequenceOrder: number,
    lesson: LessonDraft,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH created AS (
         INSERT INTO lessons (topic, sequence_order, title, summary, content, difficulty, estimated_minutes, exercises,
                              status, published_version, published_revision)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'published', 1, 1
         WHERE NOT EXISTS (SELECT 1 FROM lessons WHERE topic = $1 AND sequence_order = $2)
         RETURNING *
       )
       INSERT INTO lesson_versions (lesson_id, version, revision, title, summary, content, difficulty,
                                    estimated_minutes, media, exercises)
       SELECT lesson_id, 1, revision, title, summary, content, difficulty, estimated_minutes, media, exercises
       FROM created
       RETURNING lesson_id`,
      [
        topic,
        sequenceOrder,
        lesson.title,
        lesson.summary,
        lesson.content,
        lesson.difficulty,
        lesson.estimatedMinutes,
        JSON.stringify(lesson.exercises),
      ],
    );
    return rows.length > 0;
  }
}
