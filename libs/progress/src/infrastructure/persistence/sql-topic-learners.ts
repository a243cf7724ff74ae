import { Injectable } from '@nestjs/common';
import { CurriculumIndex } from '@techtrek/lessons';
import { Transactions } from '@techtrek/platform';
import { TopicLearners } from '../../application/topic-learners.js';

/** The topic's lessons from the lessons module's outline; the learners from progress by (user_id, lesson_id). */
@Injectable()
export class SqlTopicLearners extends TopicLearners {
  constructor(
    private readonly transactions: Transactions,
    private readonly curriculum: CurriculumIndex,
  ) {
    super();
  }

  async hasTopic(topic: string): Promise<boolean> {
    const { topics } = await this.curriculum.outline();
    return topics.some((known) => known.topic === topic);
  }

  async page(topic: string, afterUserId: number, upToUserId: number, limit: number): Promise<number[]> {
    const { lessons } = await this.curriculum.outline();
    const lessonIds = lessons.filter((lesson) => lesson.topic === topic).map((lesson) => lesson.lessonId);
    if (lessonIds.length === 0) return [];
    // Walks progress_user_lesson_key in user order: each step reads only the next learners' rows.
    const rows = await this.transactions.manager.query<{ userId: number }[]>(
      `SELECT DISTINCT user_id AS "userId" FROM progress
       WHERE user_id > $1 AND user_id <= $2 AND lesson_id = ANY($3::int[])
       ORDER BY user_id LIMIT $4`,
      [afterUserId, upToUserId, lessonIds, limit],
    );
    return rows.map((row) => row.userId);
  }
}
