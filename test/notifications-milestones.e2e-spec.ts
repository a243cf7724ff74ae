import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { Outbox, Transactions } from '@techtrek/platform';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { TestHarness } from './support/test-harness.js';

describe('notifications: milestone alerts', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];

  beforeAll(async () => {
    harness = await TestHarness.start({ REMINDER_TICK_ENABLED: 'false' });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    await harness.startWorker();
    db = await harness.database();
    lessons = await publishedLessons(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const milestonesOf = async (userId: number) =>
    (
      await db.query<{ title: string; body: string; data: Record<string, string>; dedupe_key: string }>(
        `SELECT title, body, data, dedupe_key FROM notifications WHERE user_id = $1 AND type = 'milestone'
         ORDER BY notification_id`,
        [userId],
      )
    ).rows;
  const unrelayed = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0]!.n;

  const passFirstLesson = async (as: ReturnType<typeof asUser>) => {
    const lesson = lessons[0]!;
    const response = await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) });
    expect(response.statusCode).toBe(201);
    return response.json<{ newBadges: { badge: string }[] }>();
  };

  it('tells the learner about a new badge, once per event', async () => {
    const { user, accessToken } = await signUp(api);
    const outcome = await passFirstLesson(asUser(api, accessToken));
    const badges = outcome.newBadges.map(({ badge }) => badge);
    expect(badges).toContain('first_lesson');

    const alerts = await eventually(
      () => milestonesOf(user.id),
      (rows) => rows.length >= badges.length,
    );
    expect(alerts.map((alert) => alert.data.badge).sort()).toEqual([...badges].sort());
    const first = alerts.find((alert) => alert.data.badge === 'first_lesson')!;
    expect(first).toMatchObject({ title: 'New badge: First steps', body: 'Passed your first lesson. Well earned!' });
    expect(first.dedupe_key).toMatch(/^milestone-[0-9a-f-]{36}$/);

    // The relay sending the same events again (a relay that died before marking them) alerts nobody twice.
    await db.query(`UPDATE outbox SET relayed_at = NULL WHERE payload->>'userId' = $1`, [String(user.id)]);
    await eventually(unrelayed, (n) => n === 0);
    expect(await milestonesOf(user.id)).toHaveLength(alerts.length);
  });

  it('tells the learner about a level and a 7-day streak, and not about a 3-day one (a badge says that)', async () => {
    const { user } = await signUp(api);
    const at = new Date().toISOString();
    // As gamification publishes them: in the transaction of the attempt that reached them.
    const transactions = api.get(Transactions);
    await transactions.run(() =>
      api.get(Outbox).recordAll([
        { type: 'gamification.level_reached', payload: { userId: user.id, level: 2, totalXp: 100, at } },
        {
          type: 'gamification.streak_milestone_reached',
          payload: { userId: user.id, milestone: 3, currentStreak: 3, at },
        },
        {
          type: 'gamification.streak_milestone_reached',
          payload: { userId: user.id, milestone: 7, currentStreak: 7, at },
        },
      ]),
    );

    await eventually(unrelayed, (n) => n === 0);
    const alerts = await eventually(
      () => milestonesOf(user.id),
      (rows) => rows.length >= 2,
    );
    expect(alerts.map(({ title, data }) => ({ title, data }))).toEqual(
      expect.arrayContaining([
        { title: 'Level 2!', data: { milestone: 'level', level: '2' } },
        { title: '7 days in a row!', data: { milestone: 'streak', days: '7' } },
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await milestonesOf(user.id)).toHaveLength(2);
  });

  it('sends none to a learner who turned milestone alerts off', async () => {
    const { user, accessToken } = await signUp(api);
    const as = asUser(api, accessToken);
    const put = await as('PUT', '/notifications/preferences', {
      dailyReminder: { enabled: true, localTime: '19:00' },
      milestoneAlerts: false,
      quietHours: null,
    });
    expect(put.statusCode).toBe(200);

    await passFirstLesson(as);

    // The practised day travels in the same outbox batch as the badge: once it is recorded, the
    // badge's job has been relayed too; then the notifications queue must have nothing for them.
    await eventually(
      async () =>
        (await db.query(`SELECT practised_on FROM notification_preferences WHERE user_id = $1`, [user.id])).rows[0]
          .practised_on,
      (practisedOn) => practisedOn !== null,
    );
    await eventually(unrelayed, (n) => n === 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await milestonesOf(user.id)).toEqual([]);
  });
});
