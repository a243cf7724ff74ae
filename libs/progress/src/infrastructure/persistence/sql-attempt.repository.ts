import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { LessonProgress } from '../../domain/progress-summary.js';
import type { AttemptOutcome } from '../../application/attempt-outcome.js';
import {
  AttemptRepository,
  type AttemptSummary,
  type KeyedAttempt,
  type NewAttempt,
} from '../../application/attempt.repository.js';

/** Namespaces this module's advisory locks (the first key of the two-key form). */
const LEARNER_LOCK_SPACE = 5_000_001;

const PROGRESS_COLUMNS = `lesson_id AS "lessonId", completion_status = 'completed' AS completed,
  score::float AS "bestScore", attempt_count AS attempts, completed_at AS "completedAt"`;

/*
 * A passed attempt completes the lesson for good; the best score and the first completion are
 * kept, whatever order attempts arrive in (an offline attempt synced late may be the earliest).
 */
const FOLD_INTO_PROGRESS = `
  INSERT INTO progress (user_id, lesson_id, completion_status, score, completed_at, attempt_count, last_attempt_at)
  VALUES ($1, $2, CASE WHEN $4 THEN 'completed' ELSE 'in_progress' END, $3, CASE WHEN $4 THEN $5::timestamptz END, 1, $5)
  ON CONFLICT (user_id, lesson_id) DO UPDATE SET
    completion_status = CASE WHEN $4 THEN 'completed' ELSE progress.completion_status END,
    score = GREATEST(progress.score, EXCLUDED.score),
    completed_at = CASE WHEN $4 THEN LEAST(progress.completed_at, EXCLUDED.completed_at) ELSE progress.completed_at END,
    attempt_count = progress.attempt_count + 1,
    last_attempt_at = GREATEST(progress.last_attempt_at, EXCLUDED.last_attempt_at)`;

@Injectable()
export class SqlAttemptRepository extends AttemptRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async lockLearner(userId: number): Promise<void> {
    await this.transactions.manager.query(`SELECT pg_advisory_xact_lock($1, $2)`, [LEARNER_LOCK_SPACE, userId]);
  }

  async findByIdempotencyKey(userId: number, key: string): Promise<KeyedAttempt | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT request_fingerprint AS fingerprint, response AS outcome
       FROM lesson_attempts WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    )) as KeyedAttempt[];
    return row;
  }

  async progressOf(userId: number, lessonId: number): Promise<LessonProgress | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT ${PROGRESS_COLUMNS} FROM progress WHERE user_id = $1 AND lesson_id = $2`,
      [userId, lessonId],
    )) as LessonProgress[];
    return row;
  }

  async record(attempt: NewAttempt): Promise<number> {
    const manager = this.transactions.manager;
    const [row] = (await manager.query(
      `INSERT INTO lesson_attempts (user_id, lesson_id, lesson_version, score, passed, answers, started_at,
                                    completed_at, local_day, idempotency_key, request_fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ($8::timestamptz AT TIME ZONE $11)::date, $9, $10)
       RETURNING attempt_id`,
      [
        attempt.userId,
        attempt.lessonId,
        attempt.lessonVersion,
        attempt.score,
        attempt.passed,
        JSON.stringify(attempt.answers),
        attempt.startedAt ?? null,
        attempt.completedAt,
        attempt.idempotency?.key ?? null,
        attempt.idempotency?.fingerprint ?? null,
        attempt.timeZone,
      ],
    )) as { attempt_id: string }[];
    await manager.query(FOLD_INTO_PROGRESS, [
      attempt.userId,
      attempt.lessonId,
      attempt.score,
      attempt.passed,
      attempt.completedAt,
    ]);
    return Number(row.attempt_id);
  }

  async storeOutcome(attemptId: number, outcome: AttemptOutcome): Promise<void> {
    await this.transactions.manager.query(`UPDATE lesson_attempts SET response = $2 WHERE attempt_id = $1`, [
      attemptId,
      JSON.stringify(outcome),
    ]);
  }

  progressOfLearner(userId: number): Promise<LessonProgress[]> {
    return this.transactions.manager.query(
      `SELECT ${PROGRESS_COLUMNS} FROM progress WHERE user_id = $1 ORDER BY lesson_id`,
      [userId],
    );
  }

  historyOf(userId: number, lessonId: number): Promise<AttemptSummary[]> {
    return this.transactions.manager.query(
      `SELECT attempt_id::int AS "attemptId", lesson_version AS "lessonVersion", score, passed,
              started_at AS "startedAt", completed_at AS "completedAt"
       FROM lesson_attempts WHERE user_id = $1 AND lesson_id = $2
       ORDER BY attempt_id DESC`,
      [userId, lessonId],
    );
  }
}
