import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp, type SignedIn } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { faultEnvironment, PrivatePostgres } from './support/private-services.js';
import { TEST_REDIS_URL } from './support/test-run.js';

const LEARNERS = 6;
/** No request may hang on a dead connection: each one ends (answered or refused) within this. */
const REQUEST_BOUND_MS = 10_000;
const RECOVERY_MS = 20_000;

interface Attempt {
  learner: SignedIn;
  key: string;
  body: { lessonId: number; answers: unknown[] };
  response: LightMyRequestResponse;
  ms: number;
}

/**
 * PostgreSQL restarted (`pg_ctl restart -m fast`: every connection cut, in-flight transactions
 * rolled back) under attempts and reads, on a private cluster: the shared server serves every
 * other test file. The API stays up throughout; ADR 0011 says what clients see.
 */
describe('fault: PostgreSQL restarted under traffic', () => {
  let postgres: PrivatePostgres;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let databaseUrl: string;
  let lessons: PublishedLessonKey[];
  let learners: SignedIn[];
  const attempts: Attempt[] = [];
  const reads: { response: LightMyRequestResponse; ms: number }[] = [];
  let running = true;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    databaseUrl = await postgres.createMigratedDatabase();
    const environment = faultEnvironment({ databaseUrl, redisUrl: TEST_REDIS_URL });
    await seed(environment, () => undefined);
    const { createApiApp } = await import('../apps/api/src/bootstrap.js');
    api = await createApiApp(environment);
    await api.init();
    await api.getHttpAdapter().getInstance().ready();
    lessons = await publishedLessons(await connect(databaseUrl));
    learners = [];
    for (let index = 0; index < LEARNERS; index += 1) learners.push(await signUp(api));
  }, 90_000);

  afterAll(async () => {
    running = false;
    await api?.close();
    await db?.end().catch(() => undefined);
    await postgres?.close();
  });

  async function connect(url: string): Promise<pg.Client> {
    await db?.end().catch(() => undefined);
    db = new pg.Client({ connectionString: url });
    db.on('error', () => undefined);
    await db.connect();
    return db;
  }

  const timed = async (send: () => Promise<LightMyRequestResponse>) => {
    const started = performance.now();
    const response = await send();
    return { response, ms: performance.now() - started };
  };

  const submit = async (learner: SignedIn, key: string, body: Attempt['body']) =>
    timed(() => asUser(api, learner.accessToken)('POST', '/progress', body, { 'idempotency-key': key }));

  const learnerLoop = async (learner: SignedIn, index: number): Promise<void> => {
    for (let round = 0; running; round += 1) {
      const lesson = lessons[(index * 3 + round) % lessons.length]!;
      const body = { lessonId: lesson.lessonId, answers: answersFor(lesson, round % 2 === 0 ? undefined : 1) };
      const key = randomUUID();
      attempts.push({ learner, key, body, ...(await submit(learner, key, body)) });
      reads.push(await timed(() => asUser(api, learner.accessToken)('GET', '/progress')));
      reads.push(await timed(() => api.inject({ method: 'GET', url: `/lessons/${lesson.lessonId}` })));
      await sleep(10);
    }
  };

  const ready = async () => (await api.inject({ method: 'GET', url: '/health/ready' })).statusCode;
  const succeeded = () => attempts.filter((attempt) => attempt.response.statusCode === 201).length;

  it('refuses what was cut with 503 problems, recovers its pool, and half-applies nothing', async () => {
    const load = Promise.all(learners.map((learner, index) => learnerLoop(learner, index)));
    await eventually(
      async () => succeeded(),
      (count) => count >= LEARNERS * 2,
      RECOVERY_MS,
    );

    await postgres.restart();
    const restartedAt = attempts.length;
    const recovered = await eventually(ready, (status) => status === 200, RECOVERY_MS);
    const afterRestart = () => attempts.slice(restartedAt).filter((a) => a.response.statusCode === 201).length;
    await eventually(
      async () => afterRestart(),
      (count) => count >= LEARNERS * 2,
      RECOVERY_MS,
    );
    running = false;
    await load;

    expect(recovered).toBe(200);
    const everything = [...attempts, ...reads];
    expect(everything.filter(({ ms }) => ms > REQUEST_BOUND_MS).map(({ ms }) => Math.round(ms))).toEqual([]);
    const failed = everything.filter(({ response }) => response.statusCode >= 400);
    // The restart was felt (requests were cut or refused), and every failure says so properly.
    expect(failed.length).toBeGreaterThan(0);
    for (const { response } of failed) {
      const problem = expectProblem(response, 503, 'SERVICE.DATABASE_UNAVAILABLE');
      expect(problem.requestId).toEqual(expect.any(String));
      expect(response.headers['retry-after']).toEqual(expect.any(String));
    }
    expect(afterRestart()).toBeGreaterThanOrEqual(LEARNERS * 2);

    await expectNothingHalfApplied();
    await expectRetriesCountOnce(attempts.filter((attempt) => attempt.response.statusCode === 503));
  }, 120_000);

  /** Every attempt row has all of its effects, and no effect lacks its attempt. */
  async function expectNothingHalfApplied(): Promise<void> {
    await connect(databaseUrl); // the restart cut the test's own connection too
    const { rows: xp } = await db.query<{ userId: number; total: number; ledger: number; awarded: number }>(
      `SELECT u.user_id AS "userId", u.xp_points AS total,
              coalesce((SELECT sum(amount)::int FROM xp_ledger l WHERE l.user_id = u.user_id), 0) AS ledger,
              coalesce((SELECT sum((a.response->>'xpAwarded')::int)::int FROM lesson_attempts a
                        WHERE a.user_id = u.user_id), 0) AS awarded
       FROM users u WHERE u.user_id = ANY($1)`,
      [learners.map((learner) => learner.user.id)],
    );
    expect(xp).toHaveLength(LEARNERS);
    for (const row of xp) expect(row).toEqual({ ...row, ledger: row.total, awarded: row.total });
    const { rows: progress } = await db.query(
      `SELECT a.user_id, a.lesson_id, count(*)::int AS attempts, p.attempt_count
       FROM lesson_attempts a LEFT JOIN progress p USING (user_id, lesson_id)
       GROUP BY a.user_id, a.lesson_id, p.attempt_count
       HAVING p.attempt_count IS DISTINCT FROM count(*)`,
    );
    expect(progress).toEqual([]);
  }

  /** Each refused attempt, sent again with its Idempotency-Key, counts exactly once. */
  async function expectRetriesCountOnce(refused: Attempt[]): Promise<void> {
    for (const attempt of refused) {
      const first = await submit(attempt.learner, attempt.key, attempt.body);
      expect(first.response.statusCode).toBe(201);
      const again = await submit(attempt.learner, attempt.key, attempt.body);
      expect(again.response.statusCode).toBe(201);
      expect(again.response.headers['idempotent-replayed']).toBe('true');
      expect(again.response.json<{ attemptId: number }>().attemptId).toBe(
        first.response.json<{ attemptId: number }>().attemptId,
      );
    }
    const { rows } = await db.query<{ key: string; n: number }>(
      `SELECT idempotency_key AS key, count(*)::int AS n FROM lesson_attempts
       WHERE idempotency_key = ANY($1) GROUP BY idempotency_key`,
      [refused.map((attempt) => attempt.key)],
    );
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    expect(rows).toHaveLength(refused.length);
    await expectNothingHalfApplied();
  }
});
