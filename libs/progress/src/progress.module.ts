import { Module } from '@nestjs/common';
import { AccountsModule, sqlPersonalDataSection } from '@techtrek/auth';
import { GamificationModule } from '@techtrek/gamification';
import { LessonsModule } from '@techtrek/lessons';
import { outboxEvents } from '@techtrek/platform';
import { AttemptRepository } from './application/attempt.repository.js';
import { LESSON_COMPLETED_EVENT } from './application/lesson-completed.event.js';
import { ProgressQuery } from './application/progress.query.js';
import { SubmitAttemptBatchUseCase } from './application/submit-attempt-batch.use-case.js';
import { SubmitAttemptUseCase } from './application/submit-attempt.use-case.js';
import { TopicLearners } from './application/topic-learners.js';
import { SqlAttemptRepository } from './infrastructure/persistence/sql-attempt.repository.js';
import { SqlTopicLearners } from './infrastructure/persistence/sql-topic-learners.js';

/**
 * Who has worked on a topic (`TopicLearners`), for other modules' audiences. Its own module, so the
 * worker can use it without the attempts' use cases and their data-export sections.
 */
@Module({
  imports: [LessonsModule],
  providers: [{ provide: TopicLearners, useClass: SqlTopicLearners }],
  exports: [TopicLearners],
})
export class TopicLearnersModule {}

/**
 * Attempts and per-lesson progress: grading goes through the lessons module's grader, rewards
 * through gamification's public API, in one transaction (ADR 0005). No routes (see
 * `ProgressHttpModule`).
 */
@Module({
  imports: [LessonsModule, GamificationModule, AccountsModule, TopicLearnersModule],
  providers: [
    SubmitAttemptUseCase,
    SubmitAttemptBatchUseCase,
    ProgressQuery,
    outboxEvents(LESSON_COMPLETED_EVENT),
    { provide: AttemptRepository, useClass: SqlAttemptRepository },
    sqlPersonalDataSection(
      'progress',
      `SELECT lesson_id AS "lessonId", completion_status AS "completionStatus", score::float AS "bestScore",
              attempt_count AS "attempts", completed_at AS "completedAt"
       FROM progress WHERE user_id = $1 ORDER BY lesson_id`,
    ),
    sqlPersonalDataSection(
      'attempts',
      `SELECT attempt_id::int AS "attemptId", lesson_id AS "lessonId", lesson_version AS "lessonVersion", score,
              passed, answers, started_at AS "startedAt", completed_at AS "completedAt", local_day AS "localDay"
       FROM lesson_attempts WHERE user_id = $1 ORDER BY attempt_id`,
    ),
  ],
  exports: [SubmitAttemptUseCase, SubmitAttemptBatchUseCase, ProgressQuery, TopicLearnersModule],
})
export class ProgressModule {}
