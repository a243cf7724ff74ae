import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { bearer, newLearner, type SignedIn } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';
import { startSeededTopology } from './support/test-topology.js';
import { request, type HttpResponse, type Topology } from './support/topology.js';
import { startLoad, type LoadRequest } from './support/topology-load.js';

/** The strict sign-up/login limit, low so that sharing it between instances shows in a few requests. */
const AUTH_LIMIT = 3;

let addresses = 0;
/** A client address of its own (sent as X-Forwarded-For), so each scenario has its own auth limit. */
const client = (): Record<string, string> => ({ 'x-forwarded-for': `198.51.100.${(addresses += 1)}` });

describe('scale-out: two APIs and two workers behind nginx as load balancer and CDN', () => {
  let harness: TestHarness;
  let topology: Topology;
  let db: pg.Client;
  let a: string;
  let b: string;
  let lb: string;

  beforeAll(async () => {
    harness = await TestHarness.start();
    db = await harness.database();
    topology = await startSeededTopology(harness, {
      THROTTLE_AUTH_LIMIT: String(AUTH_LIMIT),
      THROTTLE_DEFAULT_LIMIT: '100000',
      SWAGGER_ENABLED: 'false',
    });
    [a, b, lb] = [topology.apis[0]!.url, topology.apis[1]!.url, topology.url];
  }, 180_000);

  afterAll(async () => {
    await topology?.stop();
    await harness?.close();
  }, 60_000);

  async function signUpAt(base: string, body = newLearner()): Promise<SignedIn & { password: string }> {
    const response = await request(base, 'POST', '/auth/signup', { payload: body, headers: client() });
    expect(response.statusCode).toBe(201);
    return { ...response.json<SignedIn>(), password: String(body.password) };
  }
  const login = (base: string, email: string, password: string) =>
    request(base, 'POST', '/auth/login', { payload: { email, password }, headers: client() });
  const me = (base: string, token: string) => request(base, 'GET', '/me', { headers: bearer(token) });

  it('signs up on one instance and logs in on the other, directly and through the load balancer', async () => {
    const account = await signUpAt(a);
    for (const base of [b, lb]) {
      const session = await login(base, account.user.email, account.password);
      expect(session.statusCode).toBe(200);
      expect((await me(a, session.json<SignedIn>().accessToken)).json()).toMatchObject({ id: account.user.id });
    }
    expect((await me(b, account.accessToken)).statusCode).toBe(200);
  });

  it('ends a session logged out through one instance on both', async () => {
    const account = await signUpAt(lb);
    for (const base of [a, b, lb]) expect((await me(base, account.accessToken)).statusCode).toBe(200);
    expect((await request(a, 'POST', '/auth/logout', { headers: bearer(account.accessToken) })).statusCode).toBe(204);
    for (const base of [a, b, lb]) expectProblem(await me(base, account.accessToken), 401);
    const refresh = { refreshToken: account.refreshToken };
    expectProblem(await request(b, 'POST', '/auth/refresh', { payload: refresh, headers: client() }), 401);
  });

  it('shares rate limits: the login limit for one email is spent across both instances', async () => {
    const email = `nobody.${Date.now()}@example.com`;
    const tries: HttpResponse[] = [];
    for (const base of [a, b, lb, a, b, lb]) tries.push(await login(base, email, 'wrong-password-123'));
    expect(tries.map((response) => response.statusCode)).toEqual([
      ...Array<number>(AUTH_LIMIT).fill(401),
      ...Array<number>(6 - AUTH_LIMIT).fill(429),
    ]);
    expect(Number(tries.at(-1)!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends one reminder per learner and day, with both workers ticking at once', async () => {
    const users = await dueLearners(db, 12);
    const queue = new Queue('reminders', {
      connection: { url: harness.environment.REDIS_URL },
      prefix: `${harness.environment.REDIS_KEY_PREFIX}bull`,
    });
    try {
      // Six ticks for the same minute, taken by both workers at the same time.
      const run = randomBytes(3).toString('hex');
      await queue.addBulk(
        Array.from({ length: 6 }, (_, i) => ({ name: 'reminder.tick', data: {}, opts: { jobId: `tick-${run}-${i}` } })),
      );
      const notifications = () => remindersPerUser(db, users);
      const sent = await eventually(notifications, (rows) => rows.length === users.length);
      expect(sent).toHaveLength(users.length);
      await sleep(300); // a duplicate would arrive now
      expect((await notifications()).every((row) => row.n === 1)).toBe(true);
      expect(await claimCount(db, users)).toBe(users.length);
    } finally {
      await queue.close();
    }
  });

  describe('the CDN', () => {
    let admin: SignedIn;

    beforeAll(async () => {
      const account = await signUpAt(lb);
      await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [account.user.id]);
      const session = await login(lb, account.user.email, account.password);
      expect(session.statusCode).toBe(200);
      admin = session.json<SignedIn>();
    });

    const get = (base: string, path: string, headers: Record<string, string> = {}) =>
      request(base, 'GET', path, { headers });
    const titleOf = (response: HttpResponse) => response.json<{ title: string }>().title;
    const listTitle = (response: HttpResponse, id: number) =>
      response.json<{ items: { id: number; title: string }[] }>().items.find((item) => item.id === id)?.title;

    async function publishTitle(id: number, title: string): Promise<void> {
      const edit = await request(a, 'PATCH', `/admin/lessons/${id}`, {
        payload: { title },
        headers: bearer(admin.accessToken),
      });
      expect(edit.statusCode).toBe(200);
      const publish = await request(a, 'POST', `/admin/lessons/${id}/publish`, { headers: bearer(admin.accessToken) });
      expect(publish.statusCode).toBe(200);
    }

    it('caches public catalogue answers, never authenticated ones, and answers 304 to a matching ETag', async () => {
      for (const path of ['/topics', '/lessons?limit=5', '/lessons/2']) {
        const first = await get(lb, path);
        const second = await get(lb, path);
        expect(first.statusCode).toBe(200);
        expect(first.headers['x-cache-status']).toMatch(/^(MISS|EXPIRED)$/);
        expect(second.headers['x-cache-status']).toBe('HIT');
        expect(second.body).toBe(first.body);
        const revalidated = await get(lb, path, { 'if-none-match': String(first.headers.etag) });
        expect(revalidated.statusCode).toBe(304);
        expect(revalidated.body).toBe('');
      }
      const signedIn = await get(lb, '/lessons/2', bearer(admin.accessToken));
      expect(signedIn.headers['x-cache-status']).toBe('BYPASS');
    });

    it('shows a lesson published through one instance at once on the other and through the CDN', async () => {
      const id = 3;
      for (let round = 1; round <= 3; round += 1) {
        // Warm every layer: the other instance's memory and Redis, and the CDN (detail and list).
        for (let i = 0; i < 2; i += 1) {
          await get(b, `/lessons/${id}`);
          await get(lb, `/lessons/${id}`);
          await get(lb, '/lessons?limit=50');
        }
        expect((await get(lb, `/lessons/${id}`)).headers['x-cache-status']).toBe('HIT');
        expect((await get(lb, '/lessons?limit=50')).headers['x-cache-status']).toBe('HIT');

        const title = `Published in round ${round} at ${Date.now()}`;
        await publishTitle(id, title);

        // No waiting: the other instance heard of the new version before the publish answered,
        // and the CDN was purged by then.
        expect(titleOf(await get(b, `/lessons/${id}`))).toBe(title);
        const detail = await get(lb, `/lessons/${id}`);
        expect(detail.headers['x-cache-status']).toBe('MISS');
        expect(titleOf(detail)).toBe(title);
        const list = await get(lb, '/lessons?limit=50');
        expect(list.headers['x-cache-status']).toBe('MISS');
        expect(listTitle(list, id)).toBe(title);
      }
    });

    it('publishes even when the CDN cannot be purged, which then serves its copy until max-age', async () => {
      const id = 4;
      await get(lb, `/lessons/${id}`);
      const cached = await get(lb, `/lessons/${id}`);
      expect(cached.headers['x-cache-status']).toBe('HIT');
      await topology.purge.close();

      const title = `Published while the CDN is unreachable ${Date.now()}`;
      await publishTitle(id, title);

      expect(titleOf(await get(b, `/lessons/${id}`))).toBe(title);
      const stale = await get(lb, `/lessons/${id}`);
      expect(stale.headers['x-cache-status']).toBe('HIT');
      expect(stale.body).toBe(cached.body);
      expect(stale.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
      const metrics = await get(a, '/metrics');
      expect(metrics.body).toMatch(/^cdn_purges_total\{[^}]*outcome="failed"[^}]*\} 1$/m);
    });
  });

  it('loses no request through the load balancer when an API gets SIGTERM under load', async () => {
    const learner = await signUpAt(lb);
    const lessons = await publishedLessons(db);
    const load = startLoad(lb, mobileMix(learner.accessToken, lessons), 16);
    await sleep(1_000);
    const [stopped] = topology.apis;
    stopped!.child.kill('SIGTERM');
    const end = await stopped!.child.exited;
    load.mark();
    await sleep(700);
    const report = await load.stop();

    expect(end).toEqual({ code: 0, signal: null });
    expect(report.failures).toEqual([]);
    expect(Object.keys(report.answers).every((answer) => / 20[01]$/.test(answer))).toBe(true);
    // The load ran before, during and after the drain (thresholds far below what a busy CI gives).
    expect(report.total).toBeGreaterThan(50);
    expect(report.completedAfterMark).toBeGreaterThan(5);
  }, 60_000);

  it('stops the other API and both workers cleanly', async () => {
    const ends = await topology.stop();
    expect(ends).toEqual({
      'api-1': { code: 0, signal: null },
      'api-2': { code: 0, signal: null },
      'worker-1': { code: 0, signal: null },
      'worker-2': { code: 0, signal: null },
    });
  }, 60_000);
});

/** Reads and writes of a signed-in learner; the token makes nginx pass even catalogue reads to an API. */
function mobileMix(token: string, lessons: PublishedLessonKey[]): LoadRequest[] {
  const auth = bearer(token);
  const lesson = lessons[0]!;
  return [
    { method: 'GET', path: '/me', headers: auth },
    { method: 'GET', path: `/lessons/${lesson.lessonId}`, headers: auth },
    { method: 'POST', path: '/feedback', payload: { lessonId: lesson.lessonId, rating: 4 }, headers: auth },
    { method: 'GET', path: '/topics' },
    {
      method: 'POST',
      path: '/progress',
      payload: { lessonId: lesson.lessonId, answers: answersFor(lesson) },
      headers: auth,
    },
  ];
}

/** A zone where it is daytime now, so "two minutes ago" is today there. */
function daytimeZone(): string {
  const hour = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format());
  return ['UTC', 'Asia/Tokyo', 'America/New_York'].find((zone) => hour(zone) >= 2 && hour(zone) <= 21)!;
}

/** `count` learners whose daily reminder fell due two minutes ago. */
async function dueLearners(db: pg.Client, count: number): Promise<number[]> {
  const prefix = `due${randomBytes(3).toString('hex')}`;
  const { rows } = await db.query<{ user_id: number }>(
    `WITH created AS (
       INSERT INTO users (email, username, password_hash, timezone)
       SELECT $1 || i || '@scale-out.test', $1 || i, '!', $3 FROM generate_series(1, $2::int) AS i
       RETURNING user_id
     ), due AS (SELECT date_trunc('minute', now() - interval '2 minutes') AT TIME ZONE $3 AS local)
     INSERT INTO notification_preferences
       (user_id, time_zone, reminder_local_time, reminder_send_time, reminder_due_on, reminder_due_at)
     SELECT user_id, $3, local::time, local::time, local::date, local AT TIME ZONE $3 FROM created, due
     RETURNING user_id`,
    [prefix, count, daytimeZone()],
  );
  return rows.map((row) => row.user_id);
}

async function remindersPerUser(db: pg.Client, users: number[]): Promise<{ user_id: number; n: number }[]> {
  const { rows } = await db.query<{ user_id: number; n: number }>(
    `SELECT user_id, count(*)::int AS n FROM notifications
     WHERE user_id = ANY($1) AND type = 'daily_reminder' GROUP BY user_id`,
    [users],
  );
  return rows;
}

async function claimCount(db: pg.Client, users: number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM reminder_claims WHERE user_id = ANY($1)`,
    [users],
  );
  return rows[0]!.n;
}
