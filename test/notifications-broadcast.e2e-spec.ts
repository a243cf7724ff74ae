import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { publishedLessons } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

interface Broadcast {
  id: number;
  title: string;
  audience: unknown;
  status: string;
  recipients: number;
  createdAt: string;
  fannedOutAt: string | null;
  delivery: Record<string, number>;
}

const BULK_LEARNERS = 10_000;

describe('admin broadcasts', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let admin: SignedIn;
  let learner: SignedIn;
  let asAdmin: ReturnType<typeof asUser>;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    await harness.startWorker();
    db = await harness.database();
    admin = await signUpAdmin(api, db);
    learner = await signUp(api);
    asAdmin = asUser(api, admin.accessToken);
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function fannedOut(id: number): Promise<Broadcast> {
    const broadcast = await eventually(
      async () => (await asAdmin('GET', `/admin/notifications/broadcast/${id}`)).json<Broadcast>(),
      (value) => value.status === 'fanned_out',
      60_000,
    );
    expect(broadcast.status).toBe('fanned_out');
    return broadcast;
  }

  async function rowsOf(id: number): Promise<{ rows: number; users: number }> {
    const { rows } = await db.query<{ rows: number; users: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT user_id)::int AS users FROM notifications WHERE broadcast_id = $1`,
      [id],
    );
    return rows[0]!;
  }

  it('is for admins only: anonymous 401, learners 403', async () => {
    const body = { title: 't', body: 'b', audience: 'all' };
    expectProblem(await api.inject({ method: 'POST', url: '/admin/notifications/broadcast', payload: body }), 401);
    const asLearner = asUser(api, learner.accessToken);
    expectProblem(await asLearner('POST', '/admin/notifications/broadcast', body), 403);
    expectProblem(await asLearner('GET', '/admin/notifications/broadcast/1'), 403);
  });

  it('reaches 10,000 learners with exactly one notification each, and no later account', async () => {
    await db.query(
      `INSERT INTO users (email, username, password_hash)
       SELECT 'bulk' || i || '@example.com', 'bulk' || i, 'not-a-hash' FROM generate_series(1, $1::int) AS i`,
      [BULK_LEARNERS],
    );
    const started = Date.now();
    const response = await asAdmin('POST', '/admin/notifications/broadcast', {
      title: 'New topic',
      body: 'Twelve lessons on REST',
      audience: 'all',
    });
    expect(response.statusCode).toBe(202);
    const accepted = response.json<Broadcast>();
    expect(response.headers.location).toBe(`/admin/notifications/broadcast/${accepted.id}`);
    expect(accepted).toMatchObject({ audience: 'all', status: 'fanning_out', recipients: 0, fannedOutAt: null });
    // Signed up after the broadcast was sent: not in its audience.
    const late = await signUp(api);

    const done = await fannedOut(accepted.id);
    const elapsed = Date.now() - started;
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'learner'`);
    const audience = rows[0]!.n - 1;
    expect(audience).toBeGreaterThanOrEqual(BULK_LEARNERS + 1);
    expect(await rowsOf(accepted.id)).toEqual({ rows: audience, users: audience });
    expect(done.recipients).toBe(audience);
    expect(done.fannedOutAt).toEqual(expect.any(String));
    expect(Object.values(done.delivery).reduce((sum, count) => sum + count, 0)).toBe(audience);
    const { rows: excluded } = await db.query(
      `SELECT count(*)::int AS n FROM notifications
       WHERE broadcast_id = $1 AND user_id IN (SELECT user_id FROM users WHERE role = 'admin' OR user_id = $2)`,
      [accepted.id, late.user.id],
    );
    expect(excluded).toEqual([{ n: 0 }]);
    const { rows: sample } = await db.query(
      `SELECT type, title, body, data, dedupe_key FROM notifications WHERE broadcast_id = $1 AND user_id = $2`,
      [accepted.id, learner.user.id],
    );
    expect(sample).toEqual([
      {
        type: 'broadcast',
        title: 'New topic',
        body: 'Twelve lessons on REST',
        data: { broadcastId: String(accepted.id) },
        dedupe_key: `broadcast-${accepted.id}-${learner.user.id}`,
      },
    ]);
    // The learner sees it in their feed.
    const feed = (await asUser(api, learner.accessToken)('GET', '/notifications')).json<{
      items: { type: string }[];
    }>();
    expect(feed.items.map((item) => item.type)).toContain('broadcast');
    process.stdout.write(`broadcast to ${audience} learners fanned out in ${elapsed} ms\n`);
  }, 90_000);

  describe('to a topic', () => {
    let topicBroadcast: Broadcast;
    let inTopic: number[];

    beforeAll(async () => {
      const lessons = await publishedLessons(db);
      const [first] = lessons;
      const other = lessons.find((lesson) => lesson.topic !== first!.topic)!;
      const { rows } = await db.query<{ id: number }>(
        `SELECT user_id AS id FROM users WHERE email LIKE 'bulk%' ORDER BY user_id LIMIT 30`,
      );
      const ids = rows.map((row) => row.id);
      inTopic = ids.slice(0, 20);
      // 20 learners with progress in the first topic (some in two of its lessons), 10 in another topic only.
      await db.query(`INSERT INTO progress (user_id, lesson_id) SELECT unnest($1::int[]), $2::int`, [
        inTopic,
        first!.lessonId,
      ]);
      const second = lessons.find((lesson) => lesson.topic === first!.topic && lesson.lessonId !== first!.lessonId);
      if (second) {
        await db.query(`INSERT INTO progress (user_id, lesson_id) SELECT unnest($1::int[]), $2::int`, [
          inTopic.slice(0, 5),
          second.lessonId,
        ]);
      }
      await db.query(`INSERT INTO progress (user_id, lesson_id) SELECT unnest($1::int[]), $2::int`, [
        ids.slice(20),
        other.lessonId,
      ]);
      const response = await asAdmin('POST', '/admin/notifications/broadcast', {
        title: 'Topic news',
        body: 'A new lesson',
        audience: { topic: first!.topic },
      });
      expect(response.statusCode).toBe(202);
      topicBroadcast = await fannedOut(response.json<Broadcast>().id);
    });

    it('reaches exactly the learners with progress in the topic', async () => {
      expect(topicBroadcast.audience).toEqual({ topic: expect.any(String) });
      expect(topicBroadcast.recipients).toBe(20);
      const { rows } = await db.query<{ id: number }>(
        `SELECT user_id AS id FROM notifications WHERE broadcast_id = $1 ORDER BY user_id`,
        [topicBroadcast.id],
      );
      expect(rows.map((row) => row.id)).toEqual(inTopic);
    });

    it('creates nothing twice when steps run again, even at once', async () => {
      // As if a step's position were lost after its notifications were made, and the job ran twice.
      await db.query(
        `UPDATE broadcasts SET status = 'fanning_out', last_user_id = 0, fanned_out_at = NULL WHERE broadcast_id = $1`,
        [topicBroadcast.id],
      );
      const queue = api.get<Queue>(getQueueToken('notifications'), { strict: false });
      await Promise.all(
        ['retry-a', 'retry-b'].map((suffix) =>
          queue.add(
            'broadcast.fan-out',
            { broadcastId: topicBroadcast.id },
            { jobId: `broadcast-test-${suffix}`, lifo: true },
          ),
        ),
      );
      const again = await fannedOut(topicBroadcast.id);
      expect(again.recipients).toBe(20);
      expect(await rowsOf(topicBroadcast.id)).toEqual({ rows: 20, users: 20 });
    });
  });

  it('refuses unknown topics and malformed bodies with a 400 problem', async () => {
    const unknown = expectProblem(
      await asAdmin('POST', '/admin/notifications/broadcast', { title: 't', body: 'b', audience: { topic: 'nope' } }),
      400,
      'NOTIFICATIONS.UNKNOWN_TOPIC',
    );
    expect(unknown.errors).toEqual([{ field: 'audience.topic', message: expect.any(String) }]);
    const bad: unknown[] = [
      { title: 't', body: 'b', audience: 'everyone' },
      { title: 't', body: 'b', audience: { topic: 'apis', extra: 1 } },
      { title: 't', body: 'b', audience: { topic: { $ne: null } } },
      { title: 't', body: 'b', audience: ['all'] },
      { title: 't', body: 'b', audience: null },
      { title: 't', body: 'b' },
      { title: 'x'.repeat(101), body: 'b', audience: 'all' },
      { title: 't', body: 'x'.repeat(501), audience: 'all' },
      { title: 't', body: 'b', audience: 'all', status: 'fanned_out' },
    ];
    for (const payload of bad) {
      expectProblem(await asAdmin('POST', '/admin/notifications/broadcast', payload), 400);
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE title = 't'`);
    expect(rows).toEqual([{ n: 0 }]);
  });

  describe('Bull Board at /admin/queues', () => {
    const paths = ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/%71ueues/api/queues'];

    it('refuses anonymous callers (401) and learners (403) with problems, by header or cookie', async () => {
      for (const url of paths) {
        expectProblem(await api.inject({ method: 'GET', url }), 401, 'AUTH.NOT_AUTHENTICATED');
        expectProblem(await api.inject({ method: 'GET', url, headers: { authorization: 'Bearer nope' } }), 401);
        expectProblem(await asUser(api, learner.accessToken)('GET', url), 403, 'AUTH.FORBIDDEN');
        const cookie = `techtrek_board=${learner.accessToken}`;
        expectProblem(await api.inject({ method: 'GET', url, headers: { cookie } }), 403);
      }
      expectProblem(
        await api.inject({ method: 'PUT', url: '/admin/queues/api/queues/notifications/retry/failed' }),
        401,
      );
      expectProblem(await asUser(api, learner.accessToken)('POST', '/admin/queue-board/session'), 403);
    });

    it('serves an admin the board and its JSON for every queue, by bearer header or by the board cookie', async () => {
      const page = await asAdmin('GET', '/admin/queues');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('TechTrek queues');
      const queues = await asAdmin('GET', '/admin/queues/api/queues');
      expect(queues.statusCode).toBe(200);
      const names = queues.json<{ queues: { name: string }[] }>().queues.map((queue) => queue.name);
      expect(names.sort()).toEqual(['analytics', 'hints', 'leaderboards', 'notifications', 'reminders']);

      const session = await asAdmin('POST', '/admin/queue-board/session');
      expect(session.statusCode).toBe(204);
      const setCookie = String(session.headers['set-cookie']);
      expect(setCookie).toMatch(
        /^techtrek_board=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; Secure; SameSite=Strict$/,
      );
      const cookie = setCookie.split(';')[0]!;
      const byCookie = await api.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } });
      expect(byCookie.statusCode).toBe(200);
      // The cookie only opens the board, not the API.
      expectProblem(await api.inject({ method: 'GET', url: '/me', headers: { cookie } }), 401);
      const closed = await asAdmin('DELETE', '/admin/queue-board/session');
      expect(String(closed.headers['set-cookie'])).toMatch(/^techtrek_board=; Path=\/admin\/queues; Max-Age=0;/);
    });

    it('keeps the API\u2019s security headers, and stays out of the OpenAPI document', async () => {
      const page = await asAdmin('GET', '/admin/queues');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      const json = await asUser(api, learner.accessToken)('GET', '/notifications');
      expect(json.headers['content-security-policy']).toContain("default-src 'self'");
      const document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<{
        paths: Record<string, unknown>;
      }>();
      expect(Object.keys(document.paths).filter((path) => path.startsWith('/admin/queues'))).toEqual([]);
      expect(document.paths['/admin/notifications/broadcast']).toBeDefined();
      expect(document.paths['/admin/notifications/broadcast/{id}']).toBeDefined();
    });
  });

  it('shows progress only for broadcasts that exist: unknown 404, non-integer 400', async () => {
    expectProblem(
      await asAdmin('GET', '/admin/notifications/broadcast/999999'),
      404,
      'NOTIFICATIONS.BROADCAST_NOT_FOUND',
    );
    expectProblem(await asAdmin('GET', '/admin/notifications/broadcast/2147483648'), 404);
    expectProblem(await asAdmin('GET', '/admin/notifications/broadcast/abc'), 400);
  });
});
