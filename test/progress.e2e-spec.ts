import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

interface Outcome {
  attemptId: number;
  lessonId: number;
  lessonVersion: number;
  score: number;
  passed: boolean;
  results: { exerciseId: string; correct: boolean; correctAnswer: unknown; explanation: string }[];
  xpAwarded: number;
  totalXp: number;
  level: number;
  streak: { current: number; longest: number; freezesLeft: number };
  newBadges: { badge: string; title: string; awardedAt: string }[];
}

const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

describe('progress: server-graded attempts', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    lessons = await publishedLessons(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const learner = async () => {
    const account: SignedIn = await signUp(api);
    return { account, as: asUser(api, account.accessToken) };
  };
  const ledgerMatchesTotal = async (userId: number) => {
    const { rows } = await db.query(
      `SELECT u.xp_points AS total, coalesce((SELECT sum(amount)::int FROM xp_ledger WHERE user_id = u.user_id), 0) AS ledger
       FROM users u WHERE u.user_id = $1`,
      [userId],
    );
    expect(rows[0].total).toBe(rows[0].ledger);
    return rows[0].total as number;
  };

  it('grades on the server, reveals answers, pays the first pass and starts the streak', async () => {
    const { account, as } = await learner();
    const lesson = lessons[0];

    const response = await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) });

    expect(response.statusCode).toBe(201);
    const outcome = response.json<Outcome>();
    expect(outcome).toMatchObject({
      lessonId: lesson.lessonId,
      score: 100,
      passed: true,
      xpAwarded: 15, // beginner first pass 10 + perfect bonus 5
      totalXp: 15,
      level: 1,
      streak: { current: 1, longest: 1, freezesLeft: 0 },
    });
    expect(outcome.results).toHaveLength(lesson.exercises.length);
    expect(outcome.results.every((result) => result.correct && result.explanation.length > 0)).toBe(true);
    expect(outcome.newBadges.map((badge) => badge.badge)).toEqual(['first_lesson', 'perfect_score']);
    expect(await ledgerMatchesTotal(account.user.id)).toBe(15);
    const { rows: events } = await db.query(
      `SELECT type, payload FROM outbox WHERE (payload->>'userId')::int = $1 ORDER BY type, payload->>'badge', (payload->>'entryId')::int`,
      [account.user.id],
    );
    expect(events.map((event) => [event.type, event.payload.badge ?? event.payload.amount])).toEqual([
      ['auth.signed_up', undefined],
      ['gamification.badge_awarded', 'first_lesson'],
      ['gamification.badge_awarded', 'perfect_score'],
      ['gamification.practice_day_counted', undefined],
      ['gamification.xp_awarded', 10],
      ['gamification.xp_awarded', 5],
      ['progress.lesson_completed', undefined],
    ]);
    const me = await as('GET', '/me');
    expect(me.json()).toMatchObject({ xp: 15, currentStreak: 1 });

    // With no freeze the streak stands through tomorrow (UTC here); once that day is over, 0.
    const { rows: stored } = await db.query(
      `SELECT current_streak_through = (now() AT TIME ZONE 'UTC')::date + 1 AS "standsThroughTomorrow"
       FROM users WHERE user_id = $1`,
      [account.user.id],
    );
    expect(stored[0].standsThroughTomorrow).toBe(true);
    await db.query(`UPDATE users SET current_streak_through = current_date - 1 WHERE user_id = $1`, [account.user.id]);
    expect((await as('GET', '/me')).json()).toMatchObject({ currentStreak: 0 });
  });

  it('records a failed attempt without paying or counting it for the streak', async () => {
    const { account, as } = await learner();
    const lesson = lessons[1];

    const outcome = (
      await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson, 1) })
    ).json<Outcome>();

    expect(outcome).toMatchObject({ passed: false, xpAwarded: 0, totalXp: 0, streak: { current: 0 }, newBadges: [] });
    const record = (await as('GET', `/progress/${lesson.lessonId}`)).json();
    expect(record).toMatchObject({ lessonId: lesson.lessonId, completed: false, attempts: 1, completedAt: null });
    expect(record.bestScore).toBe(outcome.score);
    expect(await ledgerMatchesTotal(account.user.id)).toBe(0);
  });

  it('pays a repeat pass a little, once a day, and keeps the best score and the first completion', async () => {
    const { account, as } = await learner();
    // With four or more exercises a pass need not be perfect.
    const lesson = lessons.find((candidate) => candidate.exercises.length >= 4)!;
    const pass = (correct: number) =>
      as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson, correct) });
    const passing = Math.ceil(lesson.exercises.length * 0.7);

    const first = (await pass(passing)).json<Outcome>();
    const second = (await pass(lesson.exercises.length)).json<Outcome>();
    const third = (await pass(lesson.exercises.length)).json<Outcome>();

    expect(first.xpAwarded).toBe(10);
    expect(second.xpAwarded).toBe(2 + 5); // review + first perfect score
    expect(third.xpAwarded).toBe(0); // the review already paid today, the bonus already paid
    const record = (await as('GET', `/progress/${lesson.lessonId}`)).json();
    expect(record).toMatchObject({ completed: true, bestScore: 100, attempts: 3 });
    expect(record.history.map((attempt: { attemptId: number }) => attempt.attemptId)).toEqual([
      third.attemptId,
      second.attemptId,
      first.attemptId,
    ]);
    expect(await ledgerMatchesTotal(account.user.id)).toBe(17);
  });

  it('grades against a newly published version at once, and refuses a lesson once unpublished', async () => {
    const { as } = await learner();
    const admin = asUser(api, (await signUpAdmin(api, db)).accessToken);
    const lesson = lessons[12];
    const before = (
      await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) })
    ).json<Outcome>();

    expect(
      (await admin('PATCH', `/admin/lessons/${lesson.lessonId}`, { title: 'Retitled' }, { 'if-match': '*' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin('POST', `/admin/lessons/${lesson.lessonId}/publish`, undefined, { 'if-match': '*' })).statusCode,
    ).toBe(200);
    const after = (
      await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) })
    ).json<Outcome>();
    expect(after.lessonVersion).toBe(before.lessonVersion + 1);

    expect(
      (await admin('POST', `/admin/lessons/${lesson.lessonId}/unpublish`, undefined, { 'if-match': '*' })).statusCode,
    ).toBe(200);
    expectProblem(await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) }), 404);
    await admin('POST', `/admin/lessons/${lesson.lessonId}/publish`, undefined, { 'if-match': '*' });
  });

  it('refuses a timezone the runtime knows but the database does not (attempts would fail there)', async () => {
    const { as } = await learner();

    // ICU still accepts this long-retired alias; PostgreSQL's zone database does not.
    expectProblem(await as('PATCH', '/me', { timezone: 'US/Pacific-New' }), 400, 'AUTH.UNSUPPORTED_TIME_ZONE');
    expect((await as('PATCH', '/me', { timezone: 'Asia/Kolkata' })).json().timezone).toBe('Asia/Kolkata');
    const lesson = lessons[0];
    expect((await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) })).statusCode).toBe(
      201,
    );
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the stored response and applies nothing twice', async () => {
      const { as } = await learner();
      const lesson = lessons[3];
      const body = { lessonId: lesson.lessonId, answers: answersFor(lesson) };

      const first = await as('POST', '/progress', body, { 'idempotency-key': 'attempt-1' });
      const retry = await as('POST', '/progress', body, { 'idempotency-key': 'attempt-1' });

      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(retry.json()).toEqual(first.json());
      expect((await as('GET', `/progress/${lesson.lessonId}`)).json().attempts).toBe(1);
    });

    it('refuses the same key with a different body (422) and changes nothing', async () => {
      const { as } = await learner();
      const lesson = lessons[3];
      await as(
        'POST',
        '/progress',
        { lessonId: lesson.lessonId, answers: answersFor(lesson) },
        { 'idempotency-key': 'k' },
      );

      const reused = await as(
        'POST',
        '/progress',
        { lessonId: lesson.lessonId, answers: answersFor(lesson, 0) },
        { 'idempotency-key': 'k' },
      );

      expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
      expect((await as('GET', `/progress/${lesson.lessonId}`)).json().attempts).toBe(1);
    });

    it('applies concurrent duplicates once', async () => {
      const { account, as } = await learner();
      const lesson = lessons[4];
      const body = { lessonId: lesson.lessonId, answers: answersFor(lesson) };

      const responses = await Promise.all(
        Array.from({ length: 6 }, () => as('POST', '/progress', body, { 'idempotency-key': 'same-tap' })),
      );

      expect(responses.map((response) => response.statusCode)).toEqual(Array(6).fill(201));
      expect(new Set(responses.map((response) => response.json<Outcome>().attemptId)).size).toBe(1);
      expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM lesson_attempts WHERE user_id = $1`, [
        account.user.id,
      ]);
      expect(rows[0].n).toBe(1);
      expect(await ledgerMatchesTotal(account.user.id)).toBe(15);
    });
  });

  it('never double-pays concurrent passes of one lesson sent without keys', async () => {
    const { account, as } = await learner();
    const lesson = lessons[5];

    const outcomes = (
      await Promise.all(
        Array.from({ length: 5 }, () =>
          as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) }),
        ),
      )
    ).map((response) => response.json<Outcome>());

    // One first pass with its bonus, then reviews: only the first review of the day pays.
    expect(outcomes.map((outcome) => outcome.xpAwarded).sort((a, b) => b - a)).toEqual([15, 2, 0, 0, 0]);
    expect(await ledgerMatchesTotal(account.user.id)).toBe(17);
    expect((await as('GET', `/progress/${lesson.lessonId}`)).json().attempts).toBe(5);
  });

  it('keeps users.xp_points equal to the ledger after any sequence of attempts, retries and fails', async () => {
    const attempt = fc.record({
      lesson: fc.integer({ min: 0, max: lessons.length - 1 }),
      correct: fc.integer({ min: 0, max: 5 }),
      key: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 8 }), async (sequence) => {
        const { account, as } = await learner();
        let applied = 0;
        for (const { lesson: index, correct, key } of sequence) {
          const lesson = lessons[index];
          const headers: Record<string, string> = key ? { 'idempotency-key': key } : {};
          const response = await as(
            'POST',
            '/progress',
            { lessonId: lesson.lessonId, answers: answersFor(lesson, correct) },
            headers,
          );
          expect([201, 422]).toContain(response.statusCode);
          if (response.statusCode === 201 && !response.headers['idempotent-replayed']) applied += 1;
        }
        await ledgerMatchesTotal(account.user.id);
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM lesson_attempts WHERE user_id = $1`, [
          account.user.id,
        ]);
        expect(rows[0].n).toBe(applied);
      }),
      { numRuns: 8 },
    );
  });

  describe('bad input is a 4xx problem and stores nothing', () => {
    let as: ReturnType<typeof asUser>;
    let userId: number;

    beforeAll(async () => {
      const signedIn = await learner();
      as = signedIn.as;
      userId = signedIn.account.user.id;
    });

    afterAll(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM lesson_attempts WHERE user_id = $1`, [userId]);
      expect(rows[0].n).toBe(0);
    });

    it('unknown or unpublished lesson → 404', async () => {
      const response = await as('POST', '/progress', {
        lessonId: 999_999,
        answers: [{ exerciseId: 'x', answer: true }],
      });
      expectProblem(response, 404);
    });

    it('an exercise of another lesson → 400 naming it', async () => {
      const response = await as('POST', '/progress', {
        lessonId: lessons[0].lessonId,
        answers: [{ exerciseId: lessons[1].exercises[0].id, answer: true }],
      });
      expectProblem(response, 400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'answers[0].exerciseId' })]);
    });

    it('an answer of the wrong shape → 400 naming the exercise', async () => {
      const lesson = lessons[0];
      const answers = answersFor(lesson);
      answers[1] = { exerciseId: answers[1].exerciseId, answer: { not: 'an answer' } };
      const response = await as('POST', '/progress', { lessonId: lesson.lessonId, answers });
      expectProblem(response, 400);
      expect(JSON.stringify(response.json().errors)).toContain(answers[1].exerciseId);
    });

    it.each([
      ['no answers', { answers: [] }],
      ['a score sent by the client', { score: 100 }],
      ['a lesson id that is not an integer', { lessonId: '1; DROP TABLE progress' }],
      ['a completion time without an offset', { completedAt: '2026-11-30T08:00:00' }],
      ['a completion time in the future', { completedAt: new Date(Date.now() + 3 * HOUR).toISOString() }],
      ['a completion time older than 7 days', { completedAt: hoursAgo(8 * 24) }],
      ['a start after the completion', { startedAt: hoursAgo(1), completedAt: hoursAgo(2) }],
      ['a start on a day that does not exist', { startedAt: '2026-02-30T10:00:00Z' }],
      ['a completion at an hour that does not exist', { completedAt: '2026-11-29T25:00:00Z' }],
    ])('%s → 400', async (_label, change) => {
      const lesson = lessons[0];
      const response = await as('POST', '/progress', {
        lessonId: lesson.lessonId,
        answers: answersFor(lesson),
        ...change,
      });
      expectProblem(response, 400);
    });

    it('an Idempotency-Key with control characters → 400', async () => {
      const lesson = lessons[0];
      const response = await as(
        'POST',
        '/progress',
        { lessonId: lesson.lessonId, answers: answersFor(lesson) },
        { 'idempotency-key': 'bad\tkey' },
      );
      expectProblem(response, 400);
    });

    it('a non-integer or out-of-range lesson id in the path → 400 or 404', async () => {
      expectProblem(await as('GET', '/progress/abc'), 400);
      expectProblem(await as('GET', '/progress/99999999999'), 404);
    });

    it('without a token → 401', async () => {
      const response = await api.inject({ method: 'POST', url: '/progress', payload: { lessonId: 1, answers: [] } });
      expectProblem(response, 401);
    });
  });

  it('summarises progress per topic against what is published, and shows no one else’s', async () => {
    const { as } = await learner();
    const other = await learner();
    const [first, second] = lessons.filter((lesson) => lesson.topic === lessons[0].topic);
    await as('POST', '/progress', { lessonId: first.lessonId, answers: answersFor(first) });
    await as('POST', '/progress', { lessonId: second.lessonId, answers: answersFor(second, 0) });
    await other.as('POST', '/progress', { lessonId: lessons[6].lessonId, answers: answersFor(lessons[6]) });

    const overview = (await as('GET', '/progress')).json();

    expect(overview.items.map((item: { lessonId: number }) => item.lessonId).sort()).toEqual(
      [first.lessonId, second.lessonId].sort(),
    );
    const topics = new Set(lessons.map((lesson) => lesson.topic));
    expect(overview.summary).toMatchObject({ completedLessons: 1, totalLessons: lessons.length });
    expect(overview.summary.byTopic).toHaveLength(topics.size);
    expect(overview.summary.byTopic[0]).toEqual({
      topic: lessons[0].topic,
      completed: 1,
      total: lessons.filter((lesson) => lesson.topic === lessons[0].topic).length,
    });
    const untouched = (await as('GET', `/progress/${lessons[6].lessonId}`)).json();
    expect(untouched).toEqual({
      lessonId: lessons[6].lessonId,
      completed: false,
      bestScore: null,
      attempts: 0,
      completedAt: null,
      history: [],
    });
  });

  it('counts streak days on the learner’s local calendar, including offline attempts synced late', async () => {
    const { as } = await learner();
    await as('PATCH', '/me', { timezone: 'Pacific/Kiritimati' }); // UTC+14: "yesterday" differs from UTC's
    const submit = (lesson: PublishedLessonKey, completedAt: string) =>
      as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson), completedAt });

    const twoDaysAgo = (await submit(lessons[7], hoursAgo(48))).json<Outcome>();
    const yesterday = (await submit(lessons[8], hoursAgo(24))).json<Outcome>();
    const today = (await submit(lessons[9], hoursAgo(0))).json<Outcome>();

    // Each answer shows the streak as of now: after the first sync alone it was already broken.
    expect([twoDaysAgo, yesterday, today].map((outcome) => outcome.streak.current)).toEqual([0, 2, 3]);
    expect(today.newBadges.map((badge) => badge.badge)).toContain('streak_3');
    const { rows } = await db.query(
      `SELECT DISTINCT local_day::text FROM lesson_attempts a JOIN users u USING (user_id)
       WHERE u.timezone = 'Pacific/Kiritimati' ORDER BY 1`,
    );
    expect(rows).toHaveLength(3);
  });

  describe('POST /progress/batch (offline sync)', () => {
    it('applies attempts oldest first, reports each on its own, and replays on retry', async () => {
      const { account, as } = await learner();
      const [a, b] = [lessons[10], lessons[11]];
      // One minute past midnight UTC (the learner's zone), today and yesterday: two calendar days.
      const startOfToday = new Date(new Date().toISOString().slice(0, 10)).getTime() + 60_000;
      const batch = {
        attempts: [
          {
            idempotencyKey: 'later',
            lessonId: b.lessonId,
            answers: answersFor(b),
            completedAt: new Date(startOfToday).toISOString(),
          },
          { idempotencyKey: 'bad', lessonId: a.lessonId, answers: answersFor(a), completedAt: hoursAgo(24 * 9) },
          {
            idempotencyKey: 'earlier',
            lessonId: a.lessonId,
            answers: answersFor(a),
            completedAt: new Date(startOfToday - 24 * HOUR).toISOString(),
          },
        ],
      };

      const response = await as('POST', '/progress/batch', batch);

      expect(response.statusCode).toBe(200);
      const { results } = response.json();
      expect(results.map((result: { index: number; status: number }) => [result.index, result.status])).toEqual([
        [0, 201],
        [1, 400],
        [2, 201],
      ]);
      expect(results[1].problem).toMatchObject({ code: 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE' });
      // Applied in completedAt order: the earlier attempt started the streak, the later one extended it.
      expect(results[2].attempt.streak.current).toBe(1);
      expect(results[0].attempt.streak.current).toBe(2);
      expect(results[0].attempt.attemptId).toBeGreaterThan(results[2].attempt.attemptId);

      const retry = (await as('POST', '/progress/batch', batch)).json();
      expect(
        retry.results.map((result: { replayed: boolean; status: number }) => [result.status, result.replayed]),
      ).toEqual([
        [201, true],
        [400, false],
        [201, true],
      ]);
      expect(retry.results[0].attempt).toEqual(results[0].attempt);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM lesson_attempts WHERE user_id = $1`, [
        account.user.id,
      ]);
      expect(rows[0].n).toBe(2);
      await ledgerMatchesTotal(account.user.id);
    });

    it('refuses an empty batch, more than 50 attempts, or an attempt without its key', async () => {
      const { as } = await learner();
      const lesson = lessons[0];
      const item = {
        idempotencyKey: 'k',
        lessonId: lesson.lessonId,
        answers: answersFor(lesson),
        completedAt: hoursAgo(1),
      };
      expectProblem(await as('POST', '/progress/batch', { attempts: [] }), 400);
      expectProblem(await as('POST', '/progress/batch', { attempts: Array(51).fill(item) }), 400);
      expectProblem(await as('POST', '/progress/batch', { attempts: [{ ...item, idempotencyKey: undefined }] }), 400);
      expectProblem(await as('POST', '/progress/batch', { attempts: [{ ...item, completedAt: undefined }] }), 400);
      expectProblem(
        await as('POST', '/progress/batch', { attempts: [{ ...item, startedAt: '2026-13-01T00:00:00Z' }] }),
        400,
      );
    });
  });

  it('exports attempts, XP history and the streak, and erases them with the account', async () => {
    const { account, as } = await learner();
    await as('POST', '/progress', { lessonId: lessons[0].lessonId, answers: answersFor(lessons[0]) });

    const exported = (await as('GET', '/me/export')).json();

    expect(exported.attempts).toEqual([
      expect.objectContaining({ lessonId: lessons[0].lessonId, score: 100, passed: true }),
    ]);
    expect(exported.xpHistory.map((entry: { amount: number }) => entry.amount)).toEqual([10, 5]);
    expect(exported.streak).toEqual([expect.objectContaining({ current: 1, longest: 1 })]);
    expect(exported.progress).toEqual([expect.objectContaining({ lessonId: lessons[0].lessonId, attempts: 1 })]);

    const deleted = await as('DELETE', '/me', { password: 'violet-kayak-orbit-91' });
    expect(deleted.statusCode).toBe(204);
    for (const table of ['lesson_attempts', 'xp_ledger', 'streaks', 'progress', 'gamification']) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [account.user.id]);
      expect(rows[0].n).toBe(0);
    }
  });
});
