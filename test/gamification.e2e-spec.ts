import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, signUp } from './support/auth-client.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { eventually } from './support/eventually.js';
import { TestHarness } from './support/test-harness.js';

interface Profile {
  xp: number;
  level: number;
  levelProgress: { xpIntoLevel: number; xpForNextLevel: number };
  streak: { current: number; longest: number; freezesLeft: number };
  badges: { badge: string; title: string; description: string; awardedAt: string }[];
  rank: { allTime: number | null; weekly: number | null };
}

describe('gamification: my XP, level, streak, badges and ranks', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    await harness.startWorker();
    db = await harness.database();
    lessons = await publishedLessons(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const learnerWith = async (passes: number) => {
    const account = await signUp(api);
    const as = asUser(api, account.accessToken);
    for (const lesson of lessons.slice(0, passes)) {
      expect(
        (await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) })).statusCode,
      ).toBe(201);
    }
    return { account, as };
  };

  it('starts empty for a new learner', async () => {
    const { as } = await learnerWith(0);

    const profile = (await as('GET', '/gamification')).json<Profile>();

    expect(profile).toEqual({
      xp: 0,
      level: 1,
      levelProgress: { xpIntoLevel: 0, xpForNextLevel: 100 },
      streak: { current: 0, longest: 0, freezesLeft: 0 },
      badges: [],
      rank: { allTime: null, weekly: null },
    });
  });

  it('shows what attempts earned, and ranks learners by XP once the worker moved the boards', async () => {
    const leader = await learnerWith(8);
    const follower = await learnerWith(2);

    const profile = await eventually(
      async () => (await follower.as('GET', '/gamification')).json<Profile>(),
      (value) => value.rank.allTime !== null && value.rank.weekly !== null,
    );
    const leaderProfile = await eventually(
      async () => (await leader.as('GET', '/gamification')).json<Profile>(),
      (value) => value.rank.allTime === 1,
    );

    const { rows } = await db.query(`SELECT xp_points FROM users WHERE user_id = $1`, [follower.account.user.id]);
    expect(profile.xp).toBe(rows[0].xp_points);
    expect(profile).toMatchObject({ level: 1, streak: { current: 1, longest: 1 } });
    expect(profile.badges.map((badge) => badge.badge)).toEqual(['first_lesson', 'perfect_score']);
    expect(profile.badges[0]).toEqual({
      badge: 'first_lesson',
      title: 'First steps',
      description: 'Passed your first lesson',
      awardedAt: expect.any(String),
    });
    expect(leaderProfile.xp).toBeGreaterThan(profile.xp);
    expect(leaderProfile.rank).toEqual({ allTime: 1, weekly: 1 });
    expect(profile.rank.allTime).toBeGreaterThan(1);
    expect(leaderProfile.level).toBe(leaderProfile.xp >= 100 ? 2 : 1);
  });

  it('takes an erased account off the boards', async () => {
    const leader = await learnerWith(12);
    const other = await learnerWith(1);
    const standing = async () => (await other.as('GET', '/gamification')).json<Profile>().rank.allTime;
    const before = await eventually(standing, (rank) => rank !== null);
    await eventually(
      async () => (await leader.as('GET', '/gamification')).json<Profile>().rank.allTime,
      (rank) => rank === 1,
    );

    expect((await leader.as('DELETE', '/me', { password: 'violet-kayak-orbit-91' })).statusCode).toBe(204);

    expect(await eventually(standing, (rank) => rank === before! - 1)).toBe(before! - 1);
  });

  it('needs a token', async () => {
    expectProblem(await api.inject({ method: 'GET', url: '/gamification' }), 401);
  });
});
