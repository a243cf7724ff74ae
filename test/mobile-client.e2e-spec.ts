import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import {
  createTechTrekClient,
  memoryTokenStore,
  type Schemas,
  type TechTrekClient,
  type TokenStore,
} from '../clients/techtrek-api/index.js';
import { newLearner } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { TestHarness } from './support/test-harness.js';

type Answer = Schemas['SubmitAttemptRequestDto']['answers'][number]['answer'];

/**
 * The generated TypeScript client (clients/techtrek-api), exactly as a React Native app would use
 * it, drives the whole mobile flow against the real API listening on a loopback port, through
 * Prism's validating proxy (test/support/contract-proxy.ts).
 */
describe('the typed mobile client (openapi-typescript + openapi-fetch)', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let baseUrl: string;
  let fetch: typeof globalThis.fetch;
  let lessons: PublishedLessonKey[];
  let tokens: TokenStore;
  let signedOut: number;
  let client: TechTrekClient;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    // Hints are written by the worker.
    await harness.startWorker();
    // Through Prism: every exchange of the flow is also checked against the live document.
    ({ baseUrl, fetch } = await harness.serve(api, { throughContractProxy: true }));
    db = await harness.database();
    lessons = await publishedLessons(db);
    tokens = memoryTokenStore();
    signedOut = 0;
    client = createTechTrekClient({ baseUrl, fetch, tokens, onSignedOut: () => (signedOut += 1) });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('signs up, learns a lesson, climbs the leaderboard, gets a hint, refreshes its session and logs out', async () => {
    const body = newLearner() as Schemas['SignUpRequestDto'];
    const signup = await client.POST('/auth/signup', { body });
    expect(signup.response.status).toBe(201);
    const me = signup.data!.user;
    expect(await tokens.get()).toEqual({
      accessToken: signup.data!.accessToken,
      refreshToken: signup.data!.refreshToken,
    });

    const topics = await client.GET('/topics');
    expect(topics.data!.length).toBeGreaterThan(0);
    const firstTopic = topics.data![0]!;
    const page = await client.GET('/lessons', { params: { query: { topic: firstTopic.topic, limit: 5 } } });
    const summary = page.data!.items[0]!;
    expect(summary.topic).toBe(firstTopic.topic);
    const detail = await client.GET('/lessons/{id}', { params: { path: { id: summary.id } } });
    expect(detail.data!.exercises.length).toBe(summary.exerciseCount);

    const key = lessons.find((lesson) => lesson.lessonId === summary.id)!;
    const answers = answersFor(key).map(({ exerciseId, answer }) => ({ exerciseId, answer: answer as Answer }));
    const attempt = await client.POST('/progress', {
      body: { lessonId: summary.id, answers },
      params: { header: { 'Idempotency-Key': `mobile-${me.id}-${summary.id}` } },
    });
    expect(attempt.response.status).toBe(201);
    expect(attempt.data).toMatchObject({ lessonId: summary.id, score: 100, passed: true });
    expect(attempt.data!.xpAwarded).toBeGreaterThan(0);

    const profile = await client.GET('/gamification');
    expect(profile.data!.xp).toBe(attempt.data!.totalXp);
    // The worker moves the boards shortly after the attempt commits (outbox).
    const board = await eventually(
      () => client.GET('/gamification/leaderboard', { params: { query: { period: 'weekly' } } }),
      ({ data }) => data?.top.some((entry) => entry.userId === me.id) === true,
    );
    expect(board.data!.top.map((entry) => entry.userId)).toContain(me.id);
    expect(board.data!.me).toMatchObject({ xp: attempt.data!.totalXp });

    const hint = await askForHint(client, summary.id, key.exercises[0]!.id);
    expect(hint.hint.length).toBeGreaterThan(20);
    expect(hint.provider).toBe('grounded');

    const feed = await client.GET('/notifications', { params: { query: { limit: 10 } } });
    expect(feed.response.status).toBe(200);
    expect(feed.data!.unreadCount).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(feed.data!.items)).toBe(true);

    // An expired (here: unusable) access token: the client refreshes once and the call succeeds.
    const before = (await tokens.get())!;
    await tokens.set({ ...before, accessToken: 'expired.access.token' });
    const profileAgain = await client.GET('/me');
    expect(profileAgain.data!.id).toBe(me.id);
    const refreshed = (await tokens.get())!;
    expect(refreshed.refreshToken).not.toBe(before.refreshToken);

    const logout = await client.POST('/auth/logout', { params: { query: {} } });
    expect(logout.response.status).toBe(204);
    expect(await tokens.get()).toBeUndefined();
    expect(signedOut).toBe(1);

    // The tokens from before logout: the access token is refused and so is the refresh.
    const stale = createTechTrekClient({ baseUrl, fetch, tokens: memoryTokenStore(refreshed) });
    const refused = await stale.GET('/me');
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.error).toMatchObject({ status: 401, code: expect.stringMatching(/^AUTH\./) });

    // Prism saw the whole flow (15 exchanges at least) and found nothing the document does not allow.
    expect(harness.contractExchanges()).toBeGreaterThanOrEqual(15);
    expect(harness.contractBreaches()).toEqual([]);
  });
});

/** POST /ai/hint answers 200 with the hint, or 202 with a job to poll while the worker writes it. */
async function askForHint(client: TechTrekClient, lessonId: number, exerciseId: string): Promise<Schemas['HintDto']> {
  const asked = await client.POST('/ai/hint', { body: { lessonId, exerciseId } });
  if (asked.response.status === 200) return asked.data as Schemas['HintDto'];
  const job = asked.data as Schemas['HintJobDto'];
  for (let poll = 0; poll < 50; poll += 1) {
    const polled = await client.GET('/ai/hint/{jobId}', { params: { path: { jobId: job.jobId } } });
    if (polled.response.status === 200) return polled.data as Schemas['HintDto'];
    await sleep(100);
  }
  throw new Error(`hint job ${job.jobId} was not written in 5 s`);
}
