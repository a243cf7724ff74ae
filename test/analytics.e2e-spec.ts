import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { AnalyticsSink } from '@techtrek/analytics';
import { ACCOUNT_DELETED_EVENT, SIGNED_UP_EVENT } from '@techtrek/auth';
import { Outbox, Transactions } from '@techtrek/platform';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, newLearner, signUp } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { FakeMixpanelServer, type ReceivedMixpanelEvent } from './support/fake-mixpanel-server.js';
import type { HintResponse } from './support/hint-response.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './support/lesson-answers.js';
import { TestHarness } from './support/test-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Board {
  top: { userId: number }[];
}

interface AttemptResponse {
  score: number;
  newBadges: { badge: string }[];
}

/** A learner whose personal data is easy to look for in what Mixpanel received. */
const personalLearner = (tag: string) =>
  newLearner({ email: `ada.${tag}.${Date.now()}@personal.example`, username: `ada-lovelace-${tag}` });

const byName = (events: readonly ReceivedMixpanelEvent[], name: string) => events.filter((e) => e.event === name);

describe('product analytics through Mixpanel', () => {
  let fake: FakeMixpanelServer;
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let db: pg.Client;
  let lessons: PublishedLessonKey[];

  beforeAll(async () => {
    fake = await FakeMixpanelServer.start();
    harness = await TestHarness.start({
      MIXPANEL_TOKEN: 'test-project-token',
      MIXPANEL_HOST: fake.host,
      MIXPANEL_PROTOCOL: 'http',
      MIXPANEL_TIMEOUT_MS: '500',
      MIXPANEL_GDPR_TOKEN: 'test-gdpr-token',
      MIXPANEL_GDPR_HOST: fake.host,
      OUTBOX_RELAY_INTERVAL_MS: '20',
    });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    worker = await harness.startWorker();
    db = await harness.database();
    lessons = await publishedLessons(db);
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.stop();
  });

  it('sends signed up, lesson completed, badge earned and hint used, by user id, with no personal data', async () => {
    const body = personalLearner('flow');
    const learner = await signUp(api, body);
    const as = asUser(api, learner.accessToken);
    const lesson = lessons[0]!;
    const attempt = await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) });
    expect(attempt.statusCode).toBe(201);
    const { newBadges, score } = attempt.json<AttemptResponse>();
    expect(newBadges.length).toBeGreaterThan(0);
    const question = 'Ada asks: why is my answer wrong, dear tutor?';
    const hint = { lessonId: lesson.lessonId, exerciseId: lesson.exercises[0]!.id, level: 1, question };
    const written = await as('POST', '/ai/hint', hint);
    const cached = await as('POST', '/ai/hint', hint);
    expect([written.statusCode, cached.statusCode, written.body]).toEqual([200, 200, written.body]);
    expect(cached.json<HintResponse>().cached).toBe(true);

    const userId = String(learner.user.id);
    const expectedCount = 1 + 1 + newBadges.length + 2;
    const events = await eventually(
      async () => fake.eventsOf(userId),
      (received) => received.length >= expectedCount,
    );
    // Give a stray duplicate a moment to show up before counting exactly.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.eventsOf(userId)).toHaveLength(expectedCount);

    expect(byName(events, 'signed_up')).toHaveLength(1);
    expect(byName(events, 'lesson_completed').map((e) => e.properties)).toEqual([
      expect.objectContaining({ lesson_id: lesson.lessonId, topic: lesson.topic, score, first_pass: true }),
    ]);
    expect(
      byName(events, 'badge_earned')
        .map((e) => e.properties.badge)
        .sort(),
    ).toEqual(newBadges.map((badge) => badge.badge).sort());
    expect(byName(events, 'hint_used').map((e) => e.properties)).toEqual([
      expect.objectContaining({ lesson_id: lesson.lessonId, level: 1, provider: 'grounded', cached: false }),
      expect.objectContaining({ lesson_id: lesson.lessonId, level: 1, provider: 'grounded', cached: true }),
    ]);
    for (const event of events) {
      expect(event.properties).toMatchObject({ distinct_id: userId, token: 'test-project-token' });
      expect(event.properties.$insert_id).toMatch(UUID);
      expect(typeof event.properties.time).toBe('number');
    }
    expect(new Set(events.map((event) => event.properties.$insert_id)).size).toBe(events.length);
    // ip=0: Mixpanel must not geolocate learners by the worker's address.
    for (const request of fake.requests) expect(request.query.ip).toBe('0');

    const everything = fake.everythingReceived();
    for (const personal of [
      body.email as string,
      body.username as string,
      question,
      written.json<HintResponse>().hint,
    ]) {
      expect(everything).not.toContain(personal);
    }
  });

  it('retries an event Mixpanel refused with a 500, with the same insert id', async () => {
    fake.failNext(500);
    const learner = await signUp(api, personalLearner('outage'));
    const userId = String(learner.user.id);

    await eventually(
      async () => fake.eventsOf(userId),
      (received) => received.length > 0,
    );
    const tries = fake.requestsFor(userId);
    expect(tries.map((request) => request.status)).toEqual([500, 200]);
    const [refused, accepted] = tries.map((request) => request.events[0]!);
    expect(accepted).toEqual(refused);
    expect(fake.deduplicated(fake.eventsOf(userId))).toHaveLength(1);
  });

  it('never makes a learner wait on a slow Mixpanel, nor holds up other queues, and counts a re-sent event once', async () => {
    fake.hold();
    const first = await signUp(api, personalLearner('slow-a'));
    const firstId = String(first.user.id);
    await eventually(
      async () => fake.requestsFor(firstId),
      (requests) => requests.length > 0,
    );
    expect(fake.heldCount).toBeGreaterThan(0);

    // Mixpanel is not answering: a learner's requests, and the leaderboard's queue, go on regardless.
    const second = await signUp(api, personalLearner('slow-b'));
    const lesson = lessons[1]!;
    const attempt = await asUser(api, second.accessToken)('POST', '/progress', {
      lessonId: lesson.lessonId,
      answers: answersFor(lesson),
    });
    expect(attempt.statusCode).toBe(201);
    const board = await eventually(
      async () => (await asUser(api, second.accessToken)('GET', '/gamification/leaderboard')).json<Board>(),
      ({ top }) => top.some((row) => row.userId === second.user.id),
    );
    expect(board.top.map((row) => row.userId)).toContain(second.user.id);
    expect(fake.heldCount).toBeGreaterThan(0);

    // The first try passes its deadline and fails; once Mixpanel answers again, the retry gets through.
    const jobId = String(fake.requestsFor(firstId)[0]!.events[0]!.properties.$insert_id);
    const queue = worker.get<Queue>(getQueueToken('analytics'), { strict: false });
    await eventually(
      async () => (await queue.getJob(jobId))?.attemptsMade ?? 0,
      (attempts) => attempts >= 1,
    );
    fake.release();
    const state = await eventually(
      async () => queue.getJobState(jobId),
      (jobState) => jobState === 'completed',
    );
    expect(state).toBe('completed');

    // Mixpanel got the held request too (it arrived whole): two copies, one event in its reports.
    const copies = fake.eventsOf(firstId);
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(fake.deduplicated(copies)).toHaveLength(1);
  });

  it('asks Mixpanel to delete an erased learner’s data (GDPR API), retrying when it fails', async () => {
    const body = personalLearner('erased');
    const learner = await signUp(api, body);
    const userId = String(learner.user.id);
    await eventually(
      async () => fake.eventsOf(userId),
      (received) => received.length > 0,
    );
    fake.failNext(503);

    const erased = await asUser(api, learner.accessToken)('DELETE', '/me', { password: body.password });
    expect(erased.statusCode).toBe(204);

    const requests = await eventually(
      async () => fake.deletionRequests.filter((request) => JSON.stringify(request.distinctIds) === `["${userId}"]`),
      (received) => received.some((request) => request.status === 200),
    );
    expect(requests.map((request) => request.status)).toEqual([503, 200]);
    for (const request of requests) {
      expect(request).toMatchObject({
        projectToken: 'test-project-token',
        authorization: 'Bearer test-gdpr-token',
        complianceType: 'GDPR',
      });
    }
  });
});

describe('product analytics without a Mixpanel token', () => {
  let fake: FakeMixpanelServer;
  let harness: TestHarness;
  let worker: NestFastifyApplication;

  beforeAll(async () => {
    fake = await FakeMixpanelServer.start();
    // The host is set, the token is not: nothing may reach it.
    harness = await TestHarness.start({ MIXPANEL_HOST: fake.host, MIXPANEL_PROTOCOL: 'http' });
    worker = await harness.startWorker();
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.stop();
  });

  it('logs each product event instead, and makes no HTTP request', async () => {
    const sink = worker.get(AnalyticsSink);
    expect(sink.name).toBe('log');
    const track = jest.spyOn(sink, 'track');
    const at = new Date('2026-12-01T10:00:00.000Z');
    await worker.get(Transactions).run(() => worker.get(Outbox).record(SIGNED_UP_EVENT, { userId: 77, at }));

    const calls = await eventually(
      async () => track.mock.calls,
      (made) => made.length > 0,
    );
    expect(calls).toEqual([[[expect.objectContaining({ name: 'signed_up', distinctId: '77', time: at })]]]);
    expect(fake.requests).toHaveLength(0);
  });

  it('has nothing to delete when an account is erased, and asks nobody', async () => {
    const forget = jest.spyOn(worker.get(AnalyticsSink), 'forget');
    const at = new Date('2026-12-01T10:05:00.000Z');
    await worker.get(Transactions).run(() => worker.get(Outbox).record(ACCOUNT_DELETED_EVENT, { userId: 78, at }));

    const calls = await eventually(
      async () => forget.mock.calls,
      (made) => made.length > 0,
    );
    expect(calls).toEqual([[['78']]]);
    expect(fake.deletionRequests).toHaveLength(0);
  });
});
