import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { isStoredId } from '@techtrek/platform/kernel';
import type { HintLevel } from '../../domain/hint-context.js';
import {
  HintRequestRepository,
  type CachedHint,
  type HintAsk,
  type HintView,
  type ProviderMiss,
  type StoredHintRequest,
  type WrittenHint,
} from '../../application/hint-request.repository.js';

const ASK_COLUMNS = `user_id, lesson_id, lesson_version, topic, exercise_id, level, question, user_answer`;

const askValues = (ask: HintAsk): unknown[] => [
  ask.userId,
  ask.lessonId,
  ask.lessonVersion,
  ask.topic,
  ask.exerciseId,
  ask.level,
  ask.question,
  ask.userAnswer === null ? null : JSON.stringify(ask.userAnswer),
];

/** Every statement is one round trip; state moves (pending → done | failed) only from pending. */
@Injectable()
export class SqlHintRequestRepository extends HintRequestRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async previousLevel(userId: number, lessonId: number, exerciseId: string | null): Promise<HintLevel | null> {
    const [row] = await this.transactions.manager.query<{ level: HintLevel }[]>(
      `SELECT level FROM hint_requests
       WHERE user_id = $1 AND lesson_id = $2 AND exercise_id IS NOT DISTINCT FROM $3 AND status = 'done'
       ORDER BY hint_request_id DESC LIMIT 1`,
      [userId, lessonId, exerciseId],
    );
    return row?.level ?? null;
  }

  async createPending(ask: HintAsk): Promise<number> {
    const [row] = await this.transactions.manager.query<{ id: number }[]>(
      `INSERT INTO hint_requests (${ASK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING hint_request_id AS id`,
      askValues(ask),
    );
    return row!.id;
  }

  async recordCached(ask: HintAsk, hint: CachedHint, latencyMs: number): Promise<number> {
    const [row] = await this.transactions.manager.query<{ id: number }[]>(
      `INSERT INTO hint_requests (${ASK_COLUMNS}, status, hint, provider, model, outcome, cached, latency_ms, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'done', $9, $10, $11, 'served', true, $12, now())
       RETURNING hint_request_id AS id`,
      [...askValues(ask), hint.hint, hint.provider, hint.model, latencyMs],
    );
    return row!.id;
  }

  async find(id: number): Promise<StoredHintRequest | null> {
    const [row] = await this.transactions.manager.query<StoredHintRequest[]>(
      `SELECT hint_request_id AS id, user_id AS "userId", lesson_id AS "lessonId", lesson_version AS "lessonVersion",
              topic, exercise_id AS "exerciseId", level, question, user_answer AS "userAnswer", status,
              created_at AS "createdAt"
       FROM hint_requests WHERE hint_request_id = $1`,
      [id],
    );
    return row ?? null;
  }

  async findForLearner(id: number, userId: number): Promise<HintView | null> {
    if (!isStoredId(id)) return null;
    const [row] = await this.transactions.manager.query<HintView[]>(
      `SELECT hint_request_id AS id, status, hint, level, provider, model, cached, created_at AS "createdAt"
       FROM hint_requests WHERE hint_request_id = $1 AND user_id = $2`,
      [id, userId],
    );
    return row ?? null;
  }

  async complete(id: number, written: WrittenHint): Promise<boolean> {
    const rows = await this.transactions.manager.query<unknown[]>(
      `WITH done AS (
         UPDATE hint_requests SET status = 'done', hint = $2, provider = $3, model = $4, route = $5, outcome = $6,
                tokens_in = $7, tokens_out = $8, cost_usd = $9, latency_ms = $10, failures = $11, completed_at = now()
         WHERE hint_request_id = $1 AND status = 'pending' RETURNING 1)
       SELECT * FROM done`,
      [
        id,
        written.hint,
        written.provider,
        written.model,
        written.route,
        written.outcome,
        written.tokensIn,
        written.tokensOut,
        written.costUsd,
        written.latencyMs,
        JSON.stringify(written.misses),
      ],
    );
    return rows.length > 0;
  }

  async fail(id: number, misses: ProviderMiss[]): Promise<boolean> {
    const rows = await this.transactions.manager.query<unknown[]>(
      `WITH failed AS (
         UPDATE hint_requests SET status = 'failed', failures = $2, completed_at = now()
         WHERE hint_request_id = $1 AND status = 'pending' RETURNING 1)
       SELECT * FROM failed`,
      [id, JSON.stringify(misses)],
    );
    return rows.length > 0;
  }

  async rate(id: number, userId: number, helpful: boolean): Promise<{ rated: boolean } | null> {
    if (!isStoredId(id)) return null;
    const [row] = await this.transactions.manager.query<{ rated: boolean }[]>(
      `WITH mine AS (SELECT hint_request_id, status FROM hint_requests WHERE hint_request_id = $1 AND user_id = $2),
            rated AS (
              UPDATE hint_requests SET helpful = $3, rated_at = now()
              WHERE hint_request_id = (SELECT hint_request_id FROM mine WHERE status = 'done') RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM rated) AS rated FROM mine`,
      [id, userId, helpful],
    );
    return row ?? null;
  }
}
