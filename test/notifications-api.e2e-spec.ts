import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { asUser, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Item {
  id: number;
  type: string;
  title: string;
  status: string;
  scheduledTime: string;
  sentAt: string | null;
  readAt: string | null;
}
interface Feed {
  items: Item[];
  nextCursor: string | null;
  unreadCount: number;
}

const expoToken = (suffix: string): string => `ExponentPushToken[${suffix.padEnd(22, 'x')}]`;

describe('notifications API: devices, the feed, personal reminders', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let ada: SignedIn;
  let bob: SignedIn;
  let asAda: ReturnType<typeof asUser>;
  let asBob: ReturnType<typeof asUser>;

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
    db = await harness.database();
    [ada, bob] = [await signUp(api), await signUp(api)];
    asAda = asUser(api, ada.accessToken);
    asBob = asUser(api, bob.accessToken);
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Any JSON value as the body (inject would send a bare string as text/plain). */
  function postJson(token: string, url: string, body: unknown) {
    return api.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  }

  async function devicesOf(userId: number): Promise<string[]> {
    const { rows } = await db.query<{ token: string }>(`SELECT token FROM devices WHERE user_id = $1 ORDER BY token`, [
      userId,
    ]);
    return rows.map((row) => row.token);
  }

  describe('devices', () => {
    it('registers a token idempotently, enrols the learner for reminders, and moves a token to its newest owner', async () => {
      const token = expoToken('moving');
      const first = await asAda('POST', '/notifications/devices', { token, platform: 'ios', provider: 'expo' });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        token,
        platform: 'ios',
        provider: 'expo',
        registeredAt: expect.any(String),
      });
      const again = await asAda('POST', '/notifications/devices', { token, platform: 'ios', provider: 'expo' });
      expect(again.statusCode).toBe(201);
      expect(again.json().registeredAt).toBe(first.json().registeredAt);
      expect(await devicesOf(ada.user.id)).toEqual([token]);
      const { rows } = await db.query(`SELECT reminder_enabled FROM notification_preferences WHERE user_id = $1`, [
        ada.user.id,
      ]);
      expect(rows).toEqual([{ reminder_enabled: true }]);

      const moved = await asBob('POST', '/notifications/devices', { token, platform: 'android', provider: 'expo' });
      expect(moved.statusCode).toBe(201);
      expect(await devicesOf(ada.user.id)).toEqual([]);
      expect(await devicesOf(bob.user.id)).toEqual([token]);
      const { rows: all } = await db.query(`SELECT count(*)::int AS n FROM devices WHERE token = $1`, [token]);
      expect(all).toEqual([{ n: 1 }]);
    });

    it('deletes only the caller\u2019s own device: another\u2019s or an unknown token is 404', async () => {
      const token = expoToken('deleted');
      await asAda('POST', '/notifications/devices', { token, platform: 'web', provider: 'expo' });
      const url = `/notifications/devices/${encodeURIComponent(token)}`;
      expectProblem(await asBob('DELETE', url), 404, 'NOTIFICATIONS.DEVICE_NOT_FOUND');
      expect(await devicesOf(ada.user.id)).toContain(token);
      expect((await asAda('DELETE', url)).statusCode).toBe(204);
      expect(await devicesOf(ada.user.id)).not.toContain(token);
      expectProblem(await asAda('DELETE', url), 404);
      expectProblem(await asAda('DELETE', `/notifications/devices/${'z'.repeat(150)}`), 404);
    });

    it('accepts FCM tokens and refuses malformed registrations with a 400 problem', async () => {
      const fcm = `dGVzdA:APA91b${'f'.repeat(140)}`;
      expect(
        (await asAda('POST', '/notifications/devices', { token: fcm, platform: 'android', provider: 'fcm' }))
          .statusCode,
      ).toBe(201);
      const bad: unknown[] = [
        { token: 'not-an-expo-token', platform: 'ios', provider: 'expo' },
        { token: expoToken('a'), platform: 'ios', provider: 'fcm' },
        { token: expoToken('a'), platform: 'windows', provider: 'expo' },
        { token: expoToken('a'), platform: 'ios', provider: 'apns' },
        { token: 'x'.repeat(5000), platform: 'ios', provider: 'fcm' },
        { token: 42, platform: 'ios', provider: 'expo' },
        { token: expoToken('a'), platform: 'ios', provider: 'expo', userId: bob.user.id },
        { platform: 'ios', provider: 'expo' },
        [],
        'token',
        null,
      ];
      for (const payload of bad) {
        const problem = expectProblem(await postJson(ada.accessToken, '/notifications/devices', payload), 400);
        expect(problem.errors ?? problem.detail).toBeDefined();
      }
      const refused = expectProblem(
        await asAda('POST', '/notifications/devices', { token: 'nope', platform: 'ios', provider: 'expo' }),
        400,
      );
      expect(refused.errors).toEqual([{ field: 'token', message: expect.stringMatching(/Expo push token/) }]);
    });

    it('refuses anonymous callers with 401', async () => {
      const response = await api.inject({
        method: 'POST',
        url: '/notifications/devices',
        payload: { token: expoToken('anon'), platform: 'ios', provider: 'expo' },
      });
      expectProblem(response, 401);
    });
  });

  describe('the feed', () => {
    let carol: SignedIn;
    const base = Date.now() - 30 * DAY;

    beforeAll(async () => {
      carol = await signUp(api);
      // 45 notifications a minute apart, set-based: every third read, the last five still scheduled,
      // two cancelled (left out), and two sharing a time (the id breaks the tie).
      await db.query(
        `INSERT INTO notifications (user_id, type, title, body, scheduled_time, status, sent_at, read_at)
         SELECT $1, 'milestone', 'n' || i, 'body ' || i,
                to_timestamp(($2::bigint + least(i, 44) * 60000) / 1000.0),
                CASE WHEN i IN (7, 8) THEN 'cancelled' WHEN i > 40 THEN 'scheduled' ELSE 'sent' END,
                CASE WHEN i <= 40 THEN to_timestamp(($2::bigint + i * 60000) / 1000.0) END,
                CASE WHEN i <= 40 AND i % 3 = 0 THEN now() END
         FROM generate_series(1, 45) AS i`,
        [carol.user.id, base],
      );
    });

    it('pages newest first with a cursor, without cancelled ones, and counts the unread delivered ones', async () => {
      const asCarol = asUser(api, carol.accessToken);
      const seen: Item[] = [];
      let cursor: string | null = null;
      let unread: number | undefined;
      do {
        const url: string = `/notifications?limit=10${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await asCarol('GET', url);
        expect(response.statusCode).toBe(200);
        const page = response.json<Feed>();
        expect(page.items.length).toBeLessThanOrEqual(10);
        seen.push(...page.items);
        unread = page.unreadCount;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(43);
      expect(new Set(seen.map((item) => item.id)).size).toBe(43);
      expect(seen.map((item) => item.title)).not.toContain('n7');
      const keys = seen.map((item) => [Date.parse(item.scheduledTime), item.id] as const);
      for (let i = 1; i < keys.length; i += 1) {
        const [[t0, id0], [t1, id1]] = [keys[i - 1]!, keys[i]!];
        expect(t0 > t1 || (t0 === t1 && id0 > id1)).toBe(true);
      }
      expect(seen.slice(0, 2).map((item) => item.title)).toEqual(['n45', 'n44']);
      // Sent: 1..40 minus the two cancelled = 38; read: multiples of 3 up to 39 = 13.
      expect(unread).toBe(38 - 13);
      expect(seen[0]).toEqual({
        id: expect.any(Number),
        type: 'milestone',
        title: 'n45',
        body: 'body 45',
        data: {},
        status: 'scheduled',
        scheduledTime: expect.any(String),
        sentAt: null,
        readAt: null,
        createdAt: expect.any(String),
      });
    });

    it('refuses a cursor it did not issue and out-of-range limits with 400', async () => {
      for (const query of ['cursor=abc', 'cursor=%00%00', 'cursor=WzEsMiwzXQ', 'limit=0', 'limit=101', 'limit=x']) {
        expectProblem(await asUser(api, carol.accessToken)('GET', `/notifications?${query}`), 400);
      }
    });

    it('marks read idempotently, keeping the first time, and lowers the unread count', async () => {
      const asCarol = asUser(api, carol.accessToken);
      const { rows } = await db.query<{ id: number }>(
        `SELECT notification_id AS id FROM notifications WHERE user_id = $1 AND title = 'n40'`,
        [carol.user.id],
      );
      const id = rows[0]!.id;
      const before = (await asCarol('GET', '/notifications')).json<Feed>().unreadCount;
      const first = await asCarol('PATCH', `/notifications/${id}/read`);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ id, title: 'n40', readAt: expect.any(String) });
      const second = await asCarol('PATCH', `/notifications/${id}/read`);
      expect(second.json().readAt).toBe(first.json().readAt);
      expect((await asCarol('GET', '/notifications')).json<Feed>().unreadCount).toBe(before - 1);
      // Someone else's notification does not exist for Ada.
      expectProblem(await asAda('PATCH', `/notifications/${id}/read`), 404, 'NOTIFICATIONS.NOT_FOUND');
      expectProblem(await asAda('DELETE', `/notifications/${id}`), 404, 'NOTIFICATIONS.NOT_FOUND');
    });
  });

  describe('personal reminders', () => {
    const queue = (): Queue => api.get<Queue>(getQueueToken('notifications'), { strict: false });

    it('schedules one with NotificationSender: a scheduled row and its delayed delivery job', async () => {
      const at = new Date(Date.now() + 2 * DAY);
      const local = new Date(at.getTime() + 3_600_000).toISOString().replace('Z', '+01:00').replace('.000', '');
      const response = await asAda('POST', '/notifications', { title: 'Caching', body: 'ETags', scheduledTime: local });
      expect(response.statusCode).toBe(201);
      const created = response.json<Item>();
      expect(created).toMatchObject({ type: 'personal_reminder', title: 'Caching', status: 'scheduled', readAt: null });
      expect(Math.abs(Date.parse(created.scheduledTime) - at.getTime())).toBeLessThan(1000);
      const job = await queue().getJob(`notification-${created.id}`);
      expect(job?.name).toBe('notification.deliver');
      expect(job?.data).toEqual({ notificationId: created.id });
      expect(await job?.isDelayed()).toBe(true);
      const feed = (await asAda('GET', '/notifications')).json<Feed>();
      expect(feed.items.map((item) => item.id)).toContain(created.id);
    });

    it('accepts a minute of clock skew and refuses the past, beyond a year, bad dates and over-long text', async () => {
      const skewed = new Date(Date.now() - 30_000).toISOString();
      expect((await asAda('POST', '/notifications', { title: 't', body: 'b', scheduledTime: skewed })).statusCode).toBe(
        201,
      );
      const soon = new Date(Date.now() + MINUTE).toISOString();
      const cases: [unknown, string][] = [
        [{ title: 't', body: 'b', scheduledTime: new Date(Date.now() - 5 * MINUTE).toISOString() }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: new Date(Date.now() + 400 * DAY).toISOString() }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: '2027-02-30T10:00:00Z' }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: '2027-01-01T25:00:00Z' }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: '2027-01-01T10:00:00' }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: 'tomorrow' }, 'scheduledTime'],
        [{ title: 't', body: 'b', scheduledTime: 1_800_000_000_000 }, 'scheduledTime'],
        [{ title: 'x'.repeat(101), body: 'b', scheduledTime: soon }, 'title'],
        [{ title: 't', body: 'x'.repeat(501), scheduledTime: soon }, 'body'],
        [{ title: '', body: 'b', scheduledTime: soon }, 'title'],
        [{ title: { $gt: '' }, body: 'b', scheduledTime: soon }, 'title'],
        [{ title: 't', body: 'b', scheduledTime: soon, type: 'broadcast' }, 'type'],
      ];
      for (const [payload, field] of cases) {
        const problem = expectProblem(await asAda('POST', '/notifications', payload), 400);
        expect((problem.errors as { field: string }[]).map((error) => error.field)).toContain(field);
      }
      for (const payload of [[], null, 'x', { title: 't' }]) {
        expectProblem(await postJson(ada.accessToken, '/notifications', payload), 400);
      }
      const malformed = await api.inject({
        method: 'POST',
        url: '/notifications',
        headers: { authorization: `Bearer ${ada.accessToken}`, 'content-type': 'application/json' },
        payload: '{"title": ',
      });
      expectProblem(malformed, 400);
    });

    it('cancels a scheduled one (again is fine), and refuses sent or sending ones with 409', async () => {
      const scheduledTime = new Date(Date.now() + DAY).toISOString();
      const { id } = (await asAda('POST', '/notifications', { title: 'c', body: 'c', scheduledTime })).json<Item>();
      expectProblem(await asBob('DELETE', `/notifications/${id}`), 404);
      expect((await asAda('DELETE', `/notifications/${id}`)).statusCode).toBe(204);
      expect((await asAda('DELETE', `/notifications/${id}`)).statusCode).toBe(204);
      const { rows } = await db.query(`SELECT status FROM notifications WHERE notification_id = $1`, [id]);
      expect(rows).toEqual([{ status: 'cancelled' }]);
      expect((await asAda('GET', '/notifications')).json<Feed>().items.map((item) => item.id)).not.toContain(id);
      expectProblem(await asAda('PATCH', `/notifications/${id}/read`), 404);

      for (const status of ['sent', 'sending']) {
        const other = (await asAda('POST', '/notifications', { title: status, body: 'c', scheduledTime })).json<Item>();
        await db.query(`UPDATE notifications SET status = $2 WHERE notification_id = $1`, [other.id, status]);
        const problem = expectProblem(
          await asAda('DELETE', `/notifications/${other.id}`),
          409,
          'NOTIFICATIONS.NOT_CANCELLABLE',
        );
        expect(problem.notificationStatus).toBe(status);
      }
    });

    it('answers unknown, out-of-range and non-integer ids with 404 or 400, never 500', async () => {
      for (const id of ['999999', '2147483648', '-1']) {
        expectProblem(await asAda('PATCH', `/notifications/${id}/read`), 404);
        expectProblem(await asAda('DELETE', `/notifications/${id}`), 404);
      }
      for (const id of ['abc', '1.5', '0x10', '1e3', '99999999999999999999']) {
        const response = await asAda('PATCH', `/notifications/${id}/read`);
        expect([400, 404]).toContain(response.statusCode);
        expectProblem(response, response.statusCode);
      }
    });
  });

  it('documents the routes in OpenAPI', async () => {
    const document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    expect(Object.keys(document.paths['/notifications'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(document.paths['/notifications/{id}/read']?.patch?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/notifications/{id}']?.delete).toBeDefined();
    expect(document.paths['/notifications/devices']?.post).toBeDefined();
    expect(document.paths['/notifications/devices/{token}']?.delete).toBeDefined();
  });
});
