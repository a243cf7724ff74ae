import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { isStoredId } from '@techtrek/platform/kernel';
import type { LessonProgress } from '../../domain/progress-summary.js';
import type { UnnumberedOutcome } from '../../application/attempt-outcome.js';
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
 * The attempt, with the response it got, and its fold into the lesson's progress record, in one
 * statement. A passed attempt completes the lesson for good; the best score and the first
 * completion are kept whatever order attempts arrive in (an offline attempt synced late may be the
 * earliest).
 */
const RECORD_ATTEMPT = `
  WITH attempt AS (
    INSERT INTO lesson_attempts (user_id, lesson_id, lesson_version, score, passed, answers, started_at,
                                 completed_at, local_day, idempotency_key, request_fingerprint, response)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ($8::timestamptz AT TIME ZONE $9)::date, $10, $11, $12)
    RETURNING attempt_id
  ), folded AS (
    INSERT INTO progress (user_id, lesson_id, completion_status, score, completed_at, attempt_count, last_attempt_at)
    VALUES ($1, $2, CASE WHEN $5 THEN 'completed' ELSE 'in_progress' END, $4, CASE WHEN $5 THEN $8::timestamptz END, 1, $8)
    ON CONFLICT (user_id, lesson_id) DO UPDATE SET
      completion_status = CASE WHEN $5 THEN 'completed' ELSE progress.completion_status END,
      score = GREATEST(progress.score, EXCLUDED.score),
      completed_at = CASE WHEN $5 THEN LEAST(progress.completed_at, EXCLUDED.completed_at) ELSE progress.completed_at END,
      attempt_count = progress.attempt_count + 1,
      last_attempt_at = GREATEST(progress.last_attempt_at, EXCLUDED.last_attempt_at)
  )
  SELECT attempt_id FROM attempt`;

@Injectable()
export class SqlAttemptRepository extends AttemptRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  /**
   * The lock and the read in one round trip (the simple protocol runs them in order, the read after
   * the lock is granted); no parameters there, so the id goes into the text, checked as an integer.
   */
  async lockLearner(userId: number): Promise<LessonProgress[]> {
    if (!isStoredId(userId)) throw new TypeError(`not a stored user id: ${userId}`);
    const [, progress] = await this.transactions.batch<LessonProgress>(
      `SELECT pg_advisory_xact_lock(${LEARNER_LOCK_SPACE}, ${userId});
       SELECT ${PROGRESS_COLUMNS} FROM progress WHERE user_id = ${userId} ORDER BY lesson_id`,
    );
    return progress!;
  }

  async findByIdempotencyKey(userId: number, key: string): Promise<KeyedAttempt | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT request_fingerprint AS fingerprint, jsonb_build_object('attemptId', attempt_id) || response AS outcome
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

  async record(attempt: NewAttempt, outcome: UnnumberedOutcome): Promise<number> {
    const [row] = await this.transactions.prepared<{ attempt_id: string }>('progress.record-attempt', RECORD_ATTEMPT, [
      attempt.userId,
      attempt.lessonId,
      attempt.lessonVersion,
      attempt.score,
      attempt.passed,
      JSON.stringify(attempt.answers),
      attempt.startedAt ?? null,
      attempt.completedAt,
      attempt.timeZone,
      attempt.idempotency?.key ?? null,
      attempt.idempotency?.fingerprint ?? null,
      JSON.stringify(outcome),
    ]);
    return Number(row!.attempt_id);
  }

  progressOfLearner(userId: number): Promise<LessonProgress[]> {
    return this.transactions.prepared(
      'progress.of-learner',
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
