import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '@techtrek/platform';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, bearer, getMe, signUp, type SignedIn } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { PrivateRedis } from './support/private-services.js';
import { TestHarness } from './support/test-harness.js';

const OUTAGE_MS = 10_000;
const LEARNERS = 4;
/** How long the apps may take to notice Redis is back (reconnect backoff is capped at 2 s). */
const RECOVERY_MS = 20_000;
/** Sign-ups and logins per IP and per email per minute: the beforeAll's sign-ups fit under it. */
const AUTH_LIMIT = 12;

type Phase = 'before' | 'outage' | 'after';

interface Sample {
  phase: Phase;
  route: string;
  status: number;
  contentType: string;
  retryAfter?: string;
  code?: string;
}

/**
 * Redis crashes for 10 s under traffic and comes back empty, with the API and the worker running
 * on it all along (a private redis-server: the shared one serves every other test file).
 * ADR 0011 says what each route does meanwhile.
 */
describe('fault: Redis stopped for 10 s under traffic', () => {
  let redis: PrivateRedis;
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];
  let learners: SignedIn[];
  let loggedOut: SignedIn;
  const samples: Sample[] = [];
  let phase: Phase = 'before';
  let running = true;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    harness = await TestHarness.start({
      REDIS_URL: redis.url,
      OUTBOX_RELAY_INTERVAL_MS: '50',
      REMINDER_TICK_ENABLED: 'false',
      HINT_WAIT_MS: '3000',
      THROTTLE_AUTH_LIMIT: String(AUTH_LIMIT),
    });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    worker = await harness.startWorker();
    db = await harness.database();
    lessons = await publishedLessons(db);
    learners = [];
    for (let index = 0; index < LEARNERS; index += 1) learners.push(await signUp(api));
    loggedOut = await signUp(api);
    const logout = await api.inject({ method: 'POST', url: '/auth/logout', headers: bearer(loggedOut.accessToken) });
    expect(logout.statusCode).toBe(204);
  }, 60_000);

  afterAll(async () => {
    running = false;
    await harness?.close();
    await redis?.stop();
  });

  /** Sends a request and files its answer under the phase in which it was sent. */
  const record = async (route: string, send: () => Promise<LightMyRequestResponse>): Promise<void> => {
    const sentIn = phase;
    const response = await send();
    const problem = response.headers['content-type']?.toString().startsWith('application/problem+json')
      ? response.json<{ code?: string }>()
      : undefined;
    samples.push({
      phase: sentIn,
      route,
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      retryAfter: response.headers['retry-after']?.toString(),
      code: problem?.code,
    });
  };

  /** One learner's loop: browse, look at themselves, pass lessons, ask for hints, read the feed. */
  const learnerLoop = async (learner: SignedIn, index: number): Promise<void> => {
    const as = asUser(api, learner.accessToken);
    for (let round = 0; running; round += 1) {
      const lesson = lessons[(index + round) % lessons.length]!;
      await record('GET /lessons', () => api.inject({ method: 'GET', url: `/lessons?topic=${lesson.topic}` }));
      await record('GET /lessons/:id', () => api.inject({ method: 'GET', url: `/lessons/${lesson.lessonId}` }));
      await record('GET /me', () => getMe(api, learner.accessToken));
      const answers = { lessonId: lesson.lessonId, answers: answersFor(lesson) };
      await record('POST /progress', () => as('POST', '/progress', answers, { 'idempotency-key': randomUUID() }));
      if (round % 3 === index % 3) {
        const exerciseId = lesson.exercises[0]!.id;
        await record('POST /ai/hint', () => as('POST', '/ai/hint', { lessonId: lesson.lessonId, exerciseId }));
      }
      await record('GET /notifications', () => as('GET', '/notifications'));
      await sleep(20);
    }
  };

  /** Wrong-password logins past the auth limit, while Redis is down. */
  const probeLoginLimit = async (): Promise<{ status: number; retryAfter?: string }[]> => {
    const outcomes: { status: number; retryAfter?: string }[] = [];
    for (let attempt = 0; attempt < AUTH_LIMIT + 3; attempt += 1) {
      const payload = { email: learners[1]!.user.email, password: 'not-the-password-at-all' };
      const response = await api.inject({ method: 'POST', url: '/auth/login', payload });
      outcomes.push({ status: response.statusCode, retryAfter: response.headers['retry-after']?.toString() });
    }
    return outcomes;
  };

  const statusesOf = (which: Phase, route: string): number[] => [
    ...new Set(samples.filter((s) => s.phase === which && s.route === route).map((s) => s.status)),
  ];
  /** `<status code> <readiness status>`: the API stays ready through a Redis outage, reporting it. */
  const ready = async () => {
    const response = await api.inject({ method: 'GET', url: '/health/ready' });
    return `${response.statusCode} ${response.json<{ status: string }>().status}`;
  };

  it('keeps serving what needs no Redis, refuses the rest with 503 problems, and recovers on its own', async () => {
    const load = Promise.all(learners.map((learner, index) => learnerLoop(learner, index)));
    await eventually(
      async () => samples.filter((s) => s.route === 'POST /progress').length,
      (count) => count >= LEARNERS,
    );

    phase = 'outage';
    const outageStarted = Date.now();
    await redis.stop();
    const loginLimits = probeLoginLimit();
    const checks: { revoked: number; live: number; ready: string }[] = [];
    while (Date.now() - outageStarted < OUTAGE_MS) {
      checks.push({
        revoked: (await getMe(api, loggedOut.accessToken)).statusCode,
        live: (await getMe(api, learners[0]!.accessToken)).statusCode,
        ready: await ready(),
      });
      await sleep(500);
    }
    const logins = await loginLimits;
    const outageEndedAt = new Date();
    await redis.start();
    phase = 'after';
    const recovered = await eventually(ready, (status) => status === '200 ok', RECOVERY_MS);
    // Some more traffic on the recovered Redis before the loops stop.
    const afterCount = () => samples.filter((s) => s.phase === 'after' && s.route === 'POST /progress').length;
    await eventually(
      async () => afterCount(),
      (count) => count >= LEARNERS * 2,
      RECOVERY_MS,
    );
    running = false;
    await load;

    expect(recovered).toBe('200 ok');
    // Revocation is never bypassed: the session version is read from PostgreSQL meanwhile.
    expect(checks.length).toBeGreaterThan(5);
    expect(new Set(checks.map((check) => check.revoked))).toEqual(new Set([401]));
    expect(new Set(checks.map((check) => check.live))).toEqual(new Set([200]));
    expect(new Set(checks.map((check) => check.ready))).toEqual(new Set(['200 degraded']));

    // Rate limits still hold, counted by this instance alone (README "Operations").
    const firstRefusal = logins.findIndex((login) => login.status === 429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(AUTH_LIMIT);
    expect(new Set(logins.slice(0, firstRefusal).map((login) => login.status))).toEqual(new Set([401]));
    for (const login of logins.slice(firstRefusal))
      expect(login).toEqual({ status: 429, retryAfter: expect.any(String) });

    // Zero 500s, in every phase; every error is a problem document.
    expect(samples.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    expect(samples.filter((s) => s.status >= 400 && !s.contentType.startsWith('application/problem+json'))).toEqual([]);
    for (const route of ['GET /lessons', 'GET /lessons/:id', 'GET /me', 'GET /notifications']) {
      expect({ route, statuses: statusesOf('outage', route) }).toEqual({ route, statuses: [200] });
    }
    // Attempts are written to PostgreSQL and their side effects wait in the outbox: no 503 needed.
    expect(statusesOf('outage', 'POST /progress')).toEqual([201]);
    // A hint needs the queue: refused loudly, with a time to come back, and not counted.
    const refusedHints = samples.filter((s) => s.phase === 'outage' && s.route === 'POST /ai/hint');
    expect(refusedHints.length).toBeGreaterThan(0);
    for (const hint of refusedHints) expect(hint).toMatchObject({ status: 503, retryAfter: expect.any(String) });
    for (const route of ['GET /lessons', 'GET /me', 'GET /notifications']) {
      expect({ route, statuses: statusesOf('after', route) }).toEqual({ route, statuses: [200] });
    }
    expect(statusesOf('after', 'POST /progress')).toEqual([201]);

    await expectOutboxDrainedAndBoardsRebuilt({ from: new Date(outageStarted), to: outageEndedAt });
  }, 90_000);

  /** Side effects of the attempts made while Redis was down ran once it was back. */
  async function expectOutboxDrainedAndBoardsRebuilt(outage: { from: Date; to: Date }): Promise<void> {
    const backlog = await eventually(
      async () =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0]!.n,
      (count) => count === 0,
      RECOVERY_MS,
    );
    expect(backlog).toBe(0);
    // Every event recorded while Redis was down became a job that ran (job id = event id).
    const { rows: events } = await db.query<{ id: string }>(
      `SELECT event_id AS id FROM outbox WHERE occurred_at BETWEEN $1 AND $2`,
      [outage.from, outage.to],
    );
    const queues = QUEUE_NAMES.map((name) => worker.get<Queue>(getQueueToken(name), { strict: false }));
    const stateOf = async (id: string) =>
      (await Promise.all(queues.map((queue) => queue.getJobState(id)))).find((state) => state !== 'unknown');
    const states = await eventually(
      async () => Promise.all(events.map(({ id }) => stateOf(id))),
      (all) => all.every((state) => state === 'completed'),
      RECOVERY_MS,
    );
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['completed']));
    // Redis came back empty: the boards were rebuilt and hold every learner's XP from PostgreSQL.
    const direct = new Redis(redis.url, { keyPrefix: harness.environment.REDIS_KEY_PREFIX });
    try {
      const { rows } = await db.query<{ id: number; xp: number }>(
        `SELECT user_id AS id, xp_points AS xp FROM users WHERE user_id = ANY($1) ORDER BY array_position($1, user_id)`,
        [learners.map((learner) => learner.user.id)],
      );
      const boardXp = async () =>
        Promise.all(
          learners.map(async (learner) => {
            const response = await asUser(api, learner.accessToken)('GET', '/gamification/leaderboard?period=all');
            return response.json<{ me: { xp: number | null } }>().me.xp;
          }),
        );
      const xp = await eventually(boardXp, (read) => read.every((value, index) => value === rows[index]!.xp));
      expect(xp).toEqual(rows.map((row) => row.xp));
      // Served from the rebuilt Redis boards, not the PostgreSQL fallback.
      expect(await direct.exists('leaderboard:built')).toBe(1);
      const members = await Promise.all(rows.map(({ id }) => direct.zscore('leaderboard:all', String(id))));
      expect(members.every((score) => score !== null)).toBe(true);
    } finally {
      direct.disconnect();
    }
  }
});
