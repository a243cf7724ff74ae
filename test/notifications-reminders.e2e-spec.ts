import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { RunReminderTickUseCase, SendReminderUseCase } from '@techtrek/notifications';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const MINUTE = 60_000;

/** A zone where it is now between 02:00 and 21:59, so "today" holds for the whole test. */
function daytimeZone(): string {
  for (const zone of ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland']) {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(),
    );
    if (hour >= 2 && hour <= 21) return zone;
  }
  throw new Error('no zone with daytime now');
}

describe('notifications: preferences and exactly-once daily reminders', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let workerA: NestFastifyApplication;
  let workerB: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];
  const zone = daytimeZone();

  beforeAll(async () => {
    // The tests run the tick themselves, at instants they choose.
    harness = await TestHarness.start({ REMINDER_TICK_ENABLED: 'false' });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    workerA = await harness.startWorker();
    workerB = await harness.startWorker();
    db = await harness.database();
    lessons = await publishedLessons(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const tick = (worker: NestFastifyApplication, now: Date) =>
    worker.get(RunReminderTickUseCase, { strict: false }).execute(now);

  /** `count` learners in `timeZone` with reminders at `sendTime` due on `dueOn` (SQL computes the instant). */
  async function scheduledLearners(
    prefix: string,
    count: number,
    timeZone: string,
    sendTime: string,
    dueOn: string,
  ): Promise<number[]> {
    const { rows } = await db.query<{ user_id: number }>(
      `WITH created AS (
         INSERT INTO users (email, username, password_hash, timezone)
         SELECT $1 || i || '@reminders.test', $1 || i, '!', $2 FROM generate_series(1, $3::int) AS i
         RETURNING user_id
       )
       INSERT INTO notification_preferences
         (user_id, time_zone, reminder_local_time, reminder_send_time, reminder_due_on, reminder_due_at)
       SELECT user_id, $2, $4::time, $4::time, $5::date, ($5::date + $4::time) AT TIME ZONE $2 FROM created
       RETURNING user_id`,
      [prefix, timeZone, count, sendTime, dueOn],
    );
    return rows.map((row) => row.user_id);
  }

  const localToday = async (timeZone: string): Promise<string> =>
    (await db.query<{ d: string }>(`SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS d`, [timeZone]))
      .rows[0]!.d;
  const localTimeAgo = async (timeZone: string, minutes: number): Promise<string> =>
    (
      await db.query<{ t: string }>(
        `SELECT to_char((now() - make_interval(mins => $2)) AT TIME ZONE $1, 'HH24:MI') AS t`,
        [timeZone, minutes],
      )
    ).rows[0]!.t;
  const claimsOf = async (userIds: number[]) =>
    (
      await db.query<{ user_id: number; local_date: string; outcome: string | null; enqueued: boolean }>(
        `SELECT user_id, to_char(local_date, 'YYYY-MM-DD') AS local_date, outcome, enqueued_at IS NOT NULL AS enqueued
         FROM reminder_claims WHERE user_id = ANY($1) ORDER BY user_id, local_date`,
        [userIds],
      )
    ).rows;
  const scheduleOf = async (userId: number) =>
    (
      await db.query<{ due_on: string | null; due_at: Date | null; practised_on: string | null; send_time: string }>(
        `SELECT to_char(reminder_due_on, 'YYYY-MM-DD') AS due_on, reminder_due_at AS due_at,
                to_char(practised_on, 'YYYY-MM-DD') AS practised_on, to_char(reminder_send_time, 'HH24:MI') AS send_time
         FROM notification_preferences WHERE user_id = $1`,
        [userId],
      )
    ).rows[0]!;

  describe('preferences API', () => {
    const valid = {
      dailyReminder: { enabled: true, localTime: '20:30' },
      milestoneAlerts: false,
      quietHours: { start: '22:00', end: '07:00' },
    };

    it('answers the defaults before anything is saved, then what was saved, with the next reminder', async () => {
      const { user, accessToken } = await signUp(api);
      const as = asUser(api, accessToken);
      await as('PATCH', '/me', { timezone: 'Europe/Berlin' });

      const defaults = await as('GET', '/notifications/preferences');
      expect(defaults.statusCode).toBe(200);
      expect(defaults.json()).toEqual({
        dailyReminder: { enabled: true, localTime: '19:00' },
        milestoneAlerts: true,
        quietHours: null,
        timeZone: 'Europe/Berlin',
        nextReminderAt: null,
      });

      const saved = await as('PUT', '/notifications/preferences', valid);
      expect(saved.statusCode).toBe(200);
      const body = saved.json();
      expect(body).toMatchObject({ ...valid, timeZone: 'Europe/Berlin' });
      // 20:30 in Berlin, today or tomorrow.
      const next = new Date(body.nextReminderAt);
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(next)).toBe(
        '20:30',
      );
      expect(next.getTime() - Date.now()).toBeGreaterThan(0);
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 60 * MINUTE);
      expect((await as('GET', '/notifications/preferences')).json()).toEqual(body);
      expect(await scheduleOf(user.id)).toMatchObject({ send_time: '20:30' });
    });

    it('defers the reminder to the end of quiet hours, or schedules none when they end tomorrow', async () => {
      const { user, accessToken } = await signUp(api);
      const as = asUser(api, accessToken);

      const deferred = await as('PUT', '/notifications/preferences', {
        ...valid,
        dailyReminder: { enabled: true, localTime: '06:00' },
      });
      expect(deferred.statusCode).toBe(200);
      expect((await scheduleOf(user.id)).send_time).toBe('07:00');
      expect(new Date(deferred.json().nextReminderAt).toISOString()).toMatch(/T07:00:00.000Z$/); // zone UTC

      const skipped = await as('PUT', '/notifications/preferences', {
        ...valid,
        dailyReminder: { enabled: true, localTime: '23:30' },
      });
      expect(skipped.statusCode).toBe(200);
      expect(skipped.json().nextReminderAt).toBeNull();
      const off = await as('PUT', '/notifications/preferences', {
        ...valid,
        dailyReminder: { enabled: false, localTime: '19:00' },
        quietHours: null,
      });
      expect(off.json()).toMatchObject({ quietHours: null, nextReminderAt: null });
    });

    it('refuses bad input with a 400 naming the field, and anonymous callers with a 401', async () => {
      const { accessToken } = await signUp(api);
      const as = asUser(api, accessToken);
      const cases: [unknown, string][] = [
        [{ ...valid, dailyReminder: { enabled: true, localTime: '7:00' } }, 'dailyReminder.localTime'],
        [{ ...valid, dailyReminder: { enabled: true, localTime: '24:00' } }, 'dailyReminder.localTime'],
        [{ ...valid, dailyReminder: { enabled: 'yes', localTime: '07:00' } }, 'dailyReminder.enabled'],
        [{ ...valid, dailyReminder: undefined }, 'dailyReminder'],
        [{ ...valid, milestoneAlerts: undefined }, 'milestoneAlerts'],
        [{ ...valid, quietHours: undefined }, 'quietHours'],
        [{ ...valid, quietHours: { start: '22:00', end: '22:00' } }, 'quietHours.end'],
        [{ ...valid, quietHours: { start: '22:00' } }, 'quietHours.end'],
        [{ ...valid, quietHours: 'never' }, 'quietHours'],
        [{ ...valid, extra: 1 }, 'extra'],
      ];
      for (const [payload, field] of cases) {
        const problem = expectProblem(await as('PUT', '/notifications/preferences', payload), 400);
        expect((problem.errors as { field: string }[]).map((error) => error.field)).toContain(field);
      }
      expectProblem(await as('PUT', '/notifications/preferences', '[]', { 'content-type': 'application/json' }), 400);
      expectProblem(await api.inject({ method: 'GET', url: '/notifications/preferences' }), 401);
    });
  });

  describe('the tick', () => {
    it('claims each due reminder exactly once with two workers ticking at the same instant, and sends one each', async () => {
      const today = await localToday(zone);
      const users = await scheduledLearners('twice', 40, zone, await localTimeAgo(zone, 2), today);
      const now = new Date();

      const reports = await Promise.all([tick(workerA, now), tick(workerB, now), tick(workerA, now)]);

      expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(40);
      const claims = await claimsOf(users);
      expect(claims).toHaveLength(40);
      expect(new Set(claims.map((claim) => claim.user_id)).size).toBe(40);
      expect(claims.every((claim) => claim.local_date === today && claim.enqueued)).toBe(true);
      // The real workers send them: one notification per learner, then the claim records it.
      const sent = await eventually(
        () => claimsOf(users),
        (rows) => rows.every((row) => row.outcome === 'sent'),
      );
      expect(sent.every((row) => row.outcome === 'sent')).toBe(true);
      const { rows } = await db.query<{ user_id: number; n: number; title: string; type: string }>(
        `SELECT user_id, count(*)::int AS n, min(title) AS title, min(type) AS type FROM notifications
         WHERE user_id = ANY($1) GROUP BY user_id`,
        [users],
      );
      expect(rows).toHaveLength(40);
      expect(rows.every((row) => row.n === 1 && row.type === 'daily_reminder')).toBe(true);
      // Every schedule moved to tomorrow.
      const schedule = await scheduleOf(users[0]!);
      expect(schedule.due_on! > today).toBe(true);
    });

    it('survives a worker restart and later ticks: still one claim, one job, one notification', async () => {
      const today = await localToday(zone);
      const users = await scheduledLearners('restart', 5, zone, await localTimeAgo(zone, 1), today);
      const now = new Date();
      await tick(workerA, now);
      await workerB.close();
      workerB = await harness.startWorker();
      await tick(workerB, now);
      await tick(workerB, new Date(now.getTime() + MINUTE));
      // A job queued again for the same claim (the crash-recovery path) is a no-op.
      await Promise.all(
        users.map((userId) =>
          workerB.get(SendReminderUseCase, { strict: false }).execute({ userId, localDate: today }),
        ),
      );
      await eventually(
        () => claimsOf(users),
        (rows) => rows.every((row) => row.outcome === 'sent'),
      );
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1)`,
        [users],
      );
      expect(rows[0]!.n).toBe(5);
      expect(await claimsOf(users)).toHaveLength(5);
    });

    it('catches up after missed minutes, and moves on without sending a day that has passed', async () => {
      const today = await localToday(zone);
      const [late] = await scheduledLearners('late', 1, zone, await localTimeAgo(zone, 30), today);
      const yesterday = (await db.query(`SELECT to_char($1::date - 1, 'YYYY-MM-DD') AS d`, [today])).rows[0].d;
      // Yesterday's reminder never went (worker down); today's time is still ahead.
      const [stale] = await scheduledLearners('stale', 1, zone, '23:59', yesterday);

      const report = await tick(workerA, new Date());

      expect(report.due).toBeGreaterThanOrEqual(2);
      expect(await claimsOf([late!])).toEqual([expect.objectContaining({ local_date: today })]);
      expect(await claimsOf([stale!])).toEqual([]);
      expect((await scheduleOf(stale!)).due_on).toBe(today);
    });

    it('re-queues a claim whose enqueue was lost (crash between commit and enqueue)', async () => {
      const today = await localToday(zone);
      const [user] = await scheduledLearners('lost', 1, zone, '23:59', await localToday(zone));
      await db.query(
        `INSERT INTO reminder_claims (user_id, local_date, kind, claimed_at) VALUES ($1, $2, 'daily', now() - interval '5 minutes')`,
        [user, today],
      );
      const report = await tick(workerA, new Date());
      expect(report.requeued).toBeGreaterThanOrEqual(1);
      const [claim] = await eventually(
        () => claimsOf([user!]),
        (rows) => rows[0]?.outcome === 'sent',
      );
      expect(claim).toMatchObject({ outcome: 'sent', enqueued: true });
    });

    it('keeps one reminder per local day across New York’s spring-forward and fall-back days', async () => {
      const ny = 'America/New_York';
      // 02:30 does not exist on 2026-03-08: PostgreSQL puts it after the gap, 03:30 EDT (07:30Z).
      const [gap] = await scheduledLearners('spring', 1, ny, '02:30', '2026-03-08');
      const [evening] = await scheduledLearners('springeve', 1, ny, '19:00', '2026-03-08');
      expect((await scheduleOf(gap!)).due_at).toEqual(new Date('2026-03-08T07:30:00Z'));

      expect((await tick(workerA, new Date('2026-03-08T07:29:00Z'))).claimed).toBe(0);
      await tick(workerA, new Date('2026-03-08T07:30:00Z'));
      await tick(workerB, new Date('2026-03-08T07:31:00Z'));
      expect((await claimsOf([gap!])).map((claim) => claim.local_date)).toEqual(['2026-03-08']);
      // The next day is an ordinary 02:30 EDT (06:30Z): 23 hours later.
      expect((await scheduleOf(gap!)).due_at).toEqual(new Date('2026-03-09T06:30:00Z'));
      // 19:00 EDT on the short day is 23:00Z, not 24:00Z.
      expect((await scheduleOf(evening!)).due_at).toEqual(new Date('2026-03-08T23:00:00Z'));
      await tick(workerA, new Date('2026-03-08T23:00:00Z'));
      await tick(workerA, new Date('2026-03-09T06:30:00Z'));
      expect((await claimsOf([gap!])).map((claim) => claim.local_date)).toEqual(['2026-03-08', '2026-03-09']);
      expect((await claimsOf([evening!])).map((claim) => claim.local_date)).toEqual(['2026-03-08']);

      // 01:30 happens twice on 2026-11-01; the schedule takes the second (EST, 06:30Z) and the
      // first (05:30Z) finds nothing due; ticks after it find it claimed.
      const [twice] = await scheduledLearners('fall', 1, ny, '01:30', '2026-11-01');
      expect((await scheduleOf(twice!)).due_at).toEqual(new Date('2026-11-01T06:30:00Z'));
      expect((await tick(workerA, new Date('2026-11-01T05:30:00Z'))).claimed).toBe(0);
      await Promise.all([
        tick(workerA, new Date('2026-11-01T06:30:00Z')),
        tick(workerB, new Date('2026-11-01T06:30:00Z')),
      ]);
      await tick(workerB, new Date('2026-11-01T07:30:00Z'));
      expect((await claimsOf([twice!])).map((claim) => claim.local_date)).toEqual(['2026-11-01']);
      expect((await scheduleOf(twice!)).due_at).toEqual(new Date('2026-11-02T06:30:00Z'));
    });

    it('handles Lord Howe’s half-hour DST change the same way', async () => {
      const lh = 'Australia/Lord_Howe';
      // 2026-10-04 02:00 → 02:30: 02:15 is in the gap, sent at 02:45 (+11, 15:45Z the day before in UTC).
      const [user] = await scheduledLearners('howe', 1, lh, '02:15', '2026-10-04');
      expect((await scheduleOf(user!)).due_at).toEqual(new Date('2026-10-03T15:45:00Z'));
      await tick(workerA, new Date('2026-10-03T15:45:00Z'));
      await tick(workerB, new Date('2026-10-03T16:15:00Z'));
      expect((await claimsOf([user!])).map((claim) => claim.local_date)).toEqual(['2026-10-04']);
      expect((await scheduleOf(user!)).due_at).toEqual(new Date('2026-10-04T15:15:00Z'));
    });

    it('at send time, waits for quiet hours set since the claim to end, or gives the day up', async () => {
      const today = await localToday(zone);
      const [waits, givesUp] = await scheduledLearners('quiet', 2, zone, '23:59', today);
      const start = await localTimeAgo(zone, 30);
      const end = await localTimeAgo(zone, -60);
      await db.query(`UPDATE notification_preferences SET quiet_start = $2, quiet_end = $3 WHERE user_id = $1`, [
        waits,
        start,
        end,
      ]);
      // Quiet from half an hour ago until 01:00, i.e. tomorrow: today's reminder has no time left.
      await db.query(`UPDATE notification_preferences SET quiet_start = $2, quiet_end = '01:00' WHERE user_id = $1`, [
        givesUp,
        start,
      ]);
      const send = workerA.get(SendReminderUseCase, { strict: false });
      await db.query(
        `INSERT INTO reminder_claims (user_id, local_date, kind, enqueued_at) SELECT unnest($1::int[]), $2, 'daily', now()`,
        [[waits, givesUp], today],
      );
      expect(await send.execute({ userId: waits!, localDate: today })).toBe('sent');
      expect(await send.execute({ userId: givesUp!, localDate: today })).toBe('expired');
      const { rows } = await db.query<{ scheduled_time: Date }>(
        `SELECT scheduled_time FROM notifications WHERE user_id = $1`,
        [waits],
      );
      const expected = await db.query<{ at: Date }>(`SELECT ($1::date + $2::time) AT TIME ZONE $3 AS at`, [
        today,
        end,
        zone,
      ]);
      expect(rows.map((row) => row.scheduled_time)).toEqual([expected.rows[0]!.at]);
      expect(await db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [givesUp]).then((r) => r.rowCount)).toBe(
        0,
      );
    });
  });

  describe('a passed lesson', () => {
    const learnerWithReminders = async () => {
      const { user, accessToken } = await signUp(api);
      const as = asUser(api, accessToken);
      expect((await as('PATCH', '/me', { timezone: zone })).statusCode).toBe(200);
      const put = await as('PUT', '/notifications/preferences', {
        dailyReminder: { enabled: true, localTime: '23:59' },
        milestoneAlerts: true,
        quietHours: null,
      });
      expect(put.statusCode).toBe(200);
      return { userId: user.id, as };
    };

    it('moves the day’s reminder to tomorrow, and a tick then finds nothing to claim', async () => {
      const today = await localToday(zone);
      const { userId, as } = await learnerWithReminders();
      expect((await scheduleOf(userId)).due_on).toBe(today);
      const lesson = lessons[0]!;

      expect(
        (await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) })).statusCode,
      ).toBe(201);

      const schedule = await eventually(
        () => scheduleOf(userId),
        (row) => row.practised_on === today,
      );
      expect(schedule.practised_on).toBe(today);
      expect(schedule.due_on! > today).toBe(true);
      // Even if the schedule said today (e.g. the event not relayed yet), the tick skips a practised day.
      await db.query(
        `UPDATE notification_preferences SET reminder_due_on = $2, reminder_due_at = now() - interval '1 minute' WHERE user_id = $1`,
        [userId, today],
      );
      await tick(workerA, new Date());
      expect(await claimsOf([userId])).toEqual([]);
    });

    it('a pass between the claim and the send cancels the reminder', async () => {
      const today = await localToday(zone);
      const { userId, as } = await learnerWithReminders();
      await db.query(
        `INSERT INTO reminder_claims (user_id, local_date, kind, enqueued_at) VALUES ($1, $2, 'daily', now())`,
        [userId, today],
      );
      const lesson = lessons[1]!;
      await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) });

      const outcome = await workerA.get(SendReminderUseCase, { strict: false }).execute({ userId, localDate: today });

      expect(outcome).toBe('practised');
      expect(await db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [userId]).then((r) => r.rowCount)).toBe(
        0,
      );
    });

    it('follows a time zone change from PATCH /me', async () => {
      const { userId, as } = await learnerWithReminders();
      expect((await as('PATCH', '/me', { timezone: 'Pacific/Kiritimati' })).statusCode).toBe(200);
      const moved = await eventually(
        () => db.query(`SELECT time_zone FROM notification_preferences WHERE user_id = $1`, [userId]),
        (result) => result.rows[0].time_zone === 'Pacific/Kiritimati',
      );
      expect(moved.rows[0].time_zone).toBe('Pacific/Kiritimati');
      const next = (await scheduleOf(userId)).due_at!;
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Kiritimati', timeStyle: 'short' }).format(next),
      ).toBe('23:59');
    });
  });
});
