import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';
import fc from 'fast-check';
import { LeaderboardHttpModule } from '@techtrek/gamification';
import { Outbox, Transactions } from '@techtrek/platform';
import { rebuildLeaderboards } from '../apps/worker/src/commands/leaderboard.command.js';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, newLearner, signUp, type SignedIn } from './support/auth-client.js';
import { answersFor, publishedLessons } from './support/lesson-answers.js';
import { expectProblem } from './support/problem.js';
import { eventually } from './support/eventually.js';
import { TestHarness } from './support/test-harness.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Board {
  top: { rank: number; userId: number; username: string; xp: number }[];
  me: { rank: number | null; xp: number };
}

/** Monday 00:00 UTC of this ISO week. */
function weekStart(now = new Date()): Date {
  const day = Math.floor(now.getTime() / DAY);
  return new Date((day - ((day + 3) % 7)) * DAY);
}

function isoWeekLabel(at: Date): string {
  const thursday = new Date(weekStart(at).getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Awards XP as gamification's ledger does: an entry, the running total on `users`, and the
 * `gamification.xp_awarded` event in the same transaction; the worker does the rest.
 */
async function award(app: NestFastifyApplication, userId: number, amount: number, at: Date): Promise<void> {
  const transactions = app.get(Transactions);
  await transactions.run(async () => {
    await transactions.manager.query(
      `INSERT INTO xp_ledger (user_id, amount, reason, source_type, source_id, created_at)
       VALUES ($1, $2, 'lesson_first_pass', 'test', $3, $4)`,
      [userId, amount, randomUUID(), at],
    );
    await transactions.manager.query(`UPDATE users SET xp_points = xp_points + $2 WHERE user_id = $1`, [
      userId,
      amount,
    ]);
    await app.get(Outbox).record('gamification.xp_awarded', { userId, amount, at: at.toISOString() });
  });
}

describe('leaderboards', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let noRedisApi: NestFastifyApplication;
  let db: pg.Client;
  let redis: Redis;
  let queue: Queue;
  let [ada, bob, cyd, dee, eve]: SignedIn[] = [];
  const base = weekStart().getTime() + MINUTE;

  /** Waits until every event is relayed and every refresh job has run. */
  async function settled(): Promise<void> {
    const pending = await eventually(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`,
        );
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return rows[0]!.n + Object.values(counts).reduce((sum, count) => sum + count, 0);
      },
      (count) => count === 0,
    );
    expect(pending).toBe(0);
  }

  const read = async (app: NestFastifyApplication, who: SignedIn, query: string): Promise<Board> => {
    const response = await asUser(app, who.accessToken)('GET', `/gamification/leaderboard${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<Board>();
  };

  /** The boards exactly as Redis holds them (members and scores). */
  const snapshot = async (): Promise<string[][]> =>
    Promise.all(
      ['leaderboard:all', `leaderboard:weekly:${isoWeekLabel(new Date())}`].map((key) =>
        redis.zrange(key, 0, -1, 'WITHSCORES'),
      ),
    );

  beforeAll(async () => {
    harness = await TestHarness.start({ OUTBOX_RELAY_INTERVAL_MS: '20' });
    api = await harness.startApi(LeaderboardHttpModule);
    worker = await harness.startWorker();
    db = await harness.database();
    redis = new Redis(harness.environment.REDIS_URL, { keyPrefix: harness.environment.REDIS_KEY_PREFIX });
    queue = worker.get<Queue>(getQueueToken('leaderboards'), { strict: false });
    [ada, bob, cyd, dee, eve] = await Promise.all(
      ['ada', 'bob', 'cyd', 'dee', 'eve'].map((name) =>
        signUp(api, {
          email: `${name}.${Date.now()}@example.com`,
          username: name,
          password: 'violet-kayak-orbit-91',
        }),
      ),
    );
    // The same database, read by an API whose Redis never answers: every read falls back to PostgreSQL.
    const { createApiApp } = await import('../apps/api/src/bootstrap.js');
    noRedisApi = await createApiApp({ ...harness.environment, REDIS_URL: 'redis://127.0.0.1:1' }, [
      LeaderboardHttpModule,
    ]);
    await noRedisApi.init();
  });

  afterAll(async () => {
    await noRedisApi?.close();
    redis?.disconnect();
    await harness?.close();
  });

  it('ranks by XP, and equal XP by who reached it first', async () => {
    await award(worker, ada!.user.id, 50, new Date(base + 10 * MINUTE));
    await award(worker, bob!.user.id, 50, new Date(base + 5 * MINUTE));
    await award(worker, cyd!.user.id, 30, new Date(base + 1 * MINUTE));
    await award(worker, cyd!.user.id, 50, new Date(base + 20 * MINUTE));
    await settled();

    const board = await read(api, ada!, '?period=all');
    expect(board.top).toEqual([
      { rank: 1, userId: cyd!.user.id, username: 'cyd', xp: 80 },
      { rank: 2, userId: bob!.user.id, username: 'bob', xp: 50 },
      { rank: 3, userId: ada!.user.id, username: 'ada', xp: 50 },
    ]);
    expect(board.me).toEqual({ rank: 3, xp: 50 });
    expect((await read(api, dee!, '')).me).toEqual({ rank: null, xp: 0 });
    expect((await read(api, bob!, '?limit=1')).top.map((row) => row.username)).toEqual(['cyd']);
  });

  it('shows only usernames, XP and ranks of other learners', async () => {
    const board = await read(api, dee!, '?period=weekly&limit=100');
    for (const row of board.top) expect(Object.keys(row).sort()).toEqual(['rank', 'userId', 'username', 'xp']);
    expect(Object.keys(board.me).sort()).toEqual(['rank', 'xp']);
    expect(JSON.stringify(board)).not.toMatch(/@example\.com|timezone|email|role/i);
    expect((await api.inject({ method: 'GET', url: '/gamification/leaderboard' })).statusCode).toBe(401);
  });

  it('counts only this ISO week on the weekly board, everything on the all-time one', async () => {
    await award(worker, eve!.user.id, 500, new Date(weekStart().getTime() - 2 * DAY));
    await award(worker, eve!.user.id, 10, new Date(base + 30 * MINUTE));
    await settled();

    const allTime = await read(api, eve!, '?period=all');
    expect(allTime.top[0]).toMatchObject({ username: 'eve', xp: 510, rank: 1 });
    expect(allTime.me).toEqual({ rank: 1, xp: 510 });
    const weekly = await read(api, eve!, '?period=weekly');
    expect(weekly.top.map((row) => [row.username, row.xp])).toEqual([
      ['cyd', 80],
      ['bob', 50],
      ['ada', 50],
      ['eve', 10],
    ]);
    expect(weekly.me).toEqual({ rank: 4, xp: 10 });
    // Last week's board exists on its own, and expires a while after its week.
    const lastWeek = `leaderboard:weekly:${isoWeekLabel(new Date(weekStart().getTime() - 2 * DAY))}`;
    expect(await redis.zscore(lastWeek, String(eve!.user.id))).not.toBeNull();
    const ttl = await redis.pttl(lastWeek);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(8 * DAY);
  });

  it('handles the same award twice, or an old one late, without changing anything', async () => {
    const before = await snapshot();
    const payload = { userId: cyd!.user.id, amount: 30, at: new Date(base + MINUTE).toISOString() };
    await queue.add('leaderboard.refresh-user', payload, { jobId: `again-${randomUUID()}` });
    await queue.add('leaderboard.refresh-user', payload, { jobId: `again-${randomUUID()}` });
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('answers from PostgreSQL, in the same order, while Redis is unavailable', async () => {
    // Equal XP in the same minute: equal scores, ordered by member string, reversed ("9" before "10").
    const tied = await Promise.all(
      ['fay', 'gus', 'hal', 'ivy', 'jon'].map((name) => signUp(api, newLearner({ username: name }))),
    );
    for (const learner of tied) await award(worker, learner.user.id, 7, new Date(base + 2 * MINUTE));
    await settled();
    const tail = (await read(api, ada!, '?period=all&limit=100')).top.filter((row) => row.xp === 7);
    expect(tail.map((row) => String(row.userId))).toEqual(
      tied
        .map((learner) => String(learner.user.id))
        .sort()
        .reverse(),
    );

    for (const who of [ada!, bob!, cyd!, dee!, eve!, ...tied]) {
      for (const query of ['?period=all&limit=100', '?period=weekly&limit=100', '?period=all&limit=2']) {
        expect(await read(noRedisApi, who, query)).toEqual(await read(api, who, query));
      }
    }
  });

  it('rebuilds boards equal to the live ones after random awards, by command and when Redis lost them', async () => {
    const learners = [ada!, bob!, cyd!, dee!, eve!];
    const awards = fc.sample(
      fc.record({
        who: fc.integer({ min: 0, max: learners.length - 1 }),
        amount: fc.integer({ min: 1, max: 40 }),
        // Few distinct minutes, so equal scores happen; a few minutes of last week, some of this one.
        minute: fc.integer({ min: -6, max: 6 }),
      }),
      { numRuns: 40, seed: 20261130 },
    );
    for (const { who, amount, minute } of awards) {
      await award(worker, learners[who]!.user.id, amount, new Date(base + minute * MINUTE));
    }
    await settled();
    const live = await snapshot();
    expect(live[0]!.length).toBeGreaterThan(0);

    const lines: string[] = [];
    await rebuildLeaderboards(harness.environment, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/Leaderboards rebuilt: 10 learners all-time/);
    expect(await snapshot()).toEqual(live);

    // Redis loses everything; the next award finds the boards unbuilt and the worker rebuilds them.
    const keys = await redis.keys(`${harness.environment.REDIS_KEY_PREFIX}leaderboard:*`);
    await redis.del(...keys.map((key) => key.slice(harness.environment.REDIS_KEY_PREFIX.length)));
    await award(worker, dee!.user.id, 3, new Date(base));
    await settled();
    const rebuilt = await eventually(snapshot, (boards) => boards[0]!.length === live[0]!.length);
    const deeScore = (boards: string[][]): number => {
      const members = boards[0]!;
      return Number(members[members.indexOf(String(dee!.user.id)) + 1]);
    };
    expect(deeScore(rebuilt)).toBeGreaterThan(deeScore(live));
    await rebuildLeaderboards(harness.environment, () => undefined);
    expect(await snapshot()).toEqual(rebuilt);
    for (const query of ['?period=all&limit=100', '?period=weekly&limit=100']) {
      expect(await read(noRedisApi, eve!, query)).toEqual(await read(api, eve!, query));
    }
  });

  it('is documented in OpenAPI: both query parameters and every response field with an example', async () => {
    const document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<{
      paths: Record<string, { get: { parameters: { name: string }[]; security: unknown[] } }>;
      components: { schemas: Record<string, { properties: Record<string, { example?: unknown }> }> };
    }>();
    const route = document.paths['/gamification/leaderboard']!.get;
    expect(route.parameters.map((parameter) => parameter.name).sort()).toEqual(['limit', 'period']);
    expect(route.security).toEqual([{ bearer: [] }]);
    for (const dto of ['LeaderboardEntryDto', 'LeaderboardStandingDto']) {
      const properties = document.components.schemas[dto]!.properties;
      expect(Object.values(properties).every((property) => property.example !== undefined)).toBe(true);
    }
  });

  it('refuses an unknown period or a bad limit with a 400 problem', async () => {
    const get = asUser(api, ada!.accessToken);
    for (const query of ['?period=monthly', '?limit=0', '?limit=101', '?limit=abc', '?limit=2.5', '?other=1']) {
      expectProblem(await get('GET', `/gamification/leaderboard${query}`), 400, 'REQUEST.VALIDATION_FAILED');
    }
  });
});

describe('leaderboards fed by real attempts', () => {
  let harness: TestHarness;

  afterAll(async () => {
    await harness?.close();
  });

  it('moves a learner on both boards after POST /progress, through the outbox and the worker', async () => {
    harness = await TestHarness.start({ OUTBOX_RELAY_INTERVAL_MS: '20' });
    await seed(harness.environment, () => undefined);
    const api = await harness.startApi();
    await harness.startWorker();
    const [lesson] = await publishedLessons(await harness.database());
    const learner = await signUp(api);
    const submitted = await asUser(api, learner.accessToken)('POST', '/progress', {
      lessonId: lesson!.lessonId,
      answers: answersFor(lesson!),
    });
    expect(submitted.statusCode).toBe(201);
    const { totalXp } = submitted.json<{ totalXp: number }>();
    expect(totalXp).toBeGreaterThan(0);

    for (const period of ['all', 'weekly']) {
      const board = await eventually(
        async () =>
          (await asUser(api, learner.accessToken)('GET', `/gamification/leaderboard?period=${period}`)).json<Board>(),
        (read) => read.me.rank !== null,
      );
      expect(board.me).toEqual({ rank: 1, xp: totalXp });
      expect(board.top).toEqual([{ rank: 1, userId: learner.user.id, username: learner.user.username, xp: totalXp }]);
    }
    // Read from Redis, not the fallback: the worker built the boards and moved the learner on them.
    const redis = new Redis(harness.environment.REDIS_URL, { keyPrefix: harness.environment.REDIS_KEY_PREFIX });
    try {
      expect(await redis.exists('leaderboard:built')).toBe(1);
      expect(await redis.zrevrank('leaderboard:all', String(learner.user.id))).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
