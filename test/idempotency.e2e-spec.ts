import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { bearer, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';
import { TEST_REDIS_URL } from './support/test-run.js';

const DAY_MS = 24 * 60 * 60 * 1000;

async function firstPublishedLesson(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT lesson_id AS id FROM lessons WHERE status = 'published' ORDER BY lesson_id LIMIT 1`,
  );
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

function postFeedback(api: NestFastifyApplication, who: SignedIn, payload: object, key?: string) {
  const headers = { ...bearer(who.accessToken), ...(key === undefined ? {} : { 'idempotency-key': key }) };
  return api.inject({ method: 'POST', url: '/feedback', headers, payload });
}

const replayed = (response: LightMyRequestResponse) => response.headers['idempotent-replayed'] === 'true';

describe('Idempotency-Key on POST /feedback', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let lessonId: number;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    lessonId = await firstPublishedLesson(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const rowsOf = async (user: SignedIn) =>
    (await db.query(`SELECT count(*)::int AS n FROM feedback WHERE user_id = $1`, [user.user.id])).rows[0].n;

  it('runs a write without a key as usual, each time', async () => {
    const learner = await signUp(api);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await postFeedback(api, learner, { lessonId, rating: 4 });
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await rowsOf(learner)).toBe(2);
  });

  it('replays the first response byte for byte, marked as replayed, and writes once', async () => {
    const learner = await signUp(api);
    const key = randomUUID();
    const first = await postFeedback(api, learner, { lessonId, rating: 4, comment: 'Great' }, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.json()).toMatchObject({ lessonId, rating: 4, comment: 'Great', id: expect.any(Number) });

    // The same request with its members in another order is the same request.
    const again = await postFeedback(api, learner, { comment: 'Great', rating: 4, lessonId }, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await rowsOf(learner)).toBe(1);

    const redis = new Redis(TEST_REDIS_URL);
    try {
      const stored = await redis.keys(`${harness.environment.REDIS_KEY_PREFIX}idempotency:*`);
      expect(stored.length).toBeGreaterThan(0);
      const ttls = await Promise.all(stored.map((storedKey) => redis.pttl(storedKey)));
      expect(Math.max(...ttls)).toBeGreaterThan(DAY_MS - 60_000);
      expect(Math.max(...ttls)).toBeLessThanOrEqual(DAY_MS);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses the same key with a different body with a 422, and writes nothing more', async () => {
    const learner = await signUp(api);
    const key = randomUUID();
    expect((await postFeedback(api, learner, { lessonId, rating: 4 }, key)).statusCode).toBe(201);
    const reused = await postFeedback(api, learner, { lessonId, rating: 5 }, key);
    expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    expect(await rowsOf(learner)).toBe(1);
  });

  it('runs concurrent duplicates once: the others wait (409, Retry-After) or get the replay', async () => {
    const learner = await signUp(api);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => postFeedback(api, learner, { lessonId, rating: 3 }, key)),
    );
    const originals = responses.filter((response) => response.statusCode === 201 && !replayed(response));
    expect(originals).toHaveLength(1);
    for (const other of responses.filter((response) => response !== originals[0])) {
      if (other.statusCode === 409) {
        expectProblem(other, 409, 'IDEMPOTENCY.IN_PROGRESS');
        expect(other.headers['retry-after']).toBe('1');
      } else {
        expect(other.statusCode).toBe(201);
        expect(replayed(other)).toBe(true);
        expect(other.body).toBe(originals[0].body);
      }
    }
    expect(await rowsOf(learner)).toBe(1);
    const later = await postFeedback(api, learner, { lessonId, rating: 3 }, key);
    expect(replayed(later)).toBe(true);
    expect(later.body).toBe(originals[0].body);
  });

  it.each([
    ['an empty key', ''],
    ['a 256-character key', 'k'.repeat(256)],
    ['a key with a non-ASCII character', 'clé-1'],
    ['a key with a control character', 'key\u0007'],
  ])('refuses %s with a 400 naming the header, before writing', async (_label, key) => {
    const learner = await signUp(api);
    const problem = expectProblem(
      await postFeedback(api, learner, { lessonId, rating: 4 }, key),
      400,
      'REQUEST.VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await rowsOf(learner)).toBe(0);
  });

  it('accepts a 255-character key', async () => {
    const learner = await signUp(api);
    const response = await postFeedback(api, learner, { lessonId, rating: 4 }, 'k'.repeat(255));
    expect(response.statusCode).toBe(201);
  });

  it('does not remember failures: the client retries with the same key after fixing the request', async () => {
    const learner = await signUp(api);
    const key = randomUUID();
    expectProblem(await postFeedback(api, learner, { lessonId: 999_999, rating: 4 }, key), 404, 'CMS.LESSON_NOT_FOUND');
    // Retried as it was, it runs again (and fails again) rather than replaying the failure.
    const retried = await postFeedback(api, learner, { lessonId: 999_999, rating: 4 }, key);
    expectProblem(retried, 404, 'CMS.LESSON_NOT_FOUND');
    expect(replayed(retried)).toBe(false);
    expectProblem(await postFeedback(api, learner, { lessonId, rating: 9 }, key), 400, 'REQUEST.VALIDATION_FAILED');

    const fixed = await postFeedback(api, learner, { lessonId, rating: 4 }, key);
    expect(fixed.statusCode).toBe(201);
    expect(replayed(fixed)).toBe(false);
    const replay = await postFeedback(api, learner, { lessonId, rating: 4 }, key);
    expect(replayed(replay)).toBe(true);
    expect(replay.body).toBe(fixed.body);
    expect(await rowsOf(learner)).toBe(1);
  });

  it('keeps keys apart per user: the same key from two users is two writes', async () => {
    const [ada, bob] = await Promise.all([signUp(api), signUp(api)]);
    const key = 'shared-key-1';
    const fromAda = await postFeedback(api, ada, { lessonId, rating: 5 }, key);
    const fromBob = await postFeedback(api, bob, { lessonId, rating: 1 }, key);
    expect([fromAda.statusCode, fromBob.statusCode]).toEqual([201, 201]);
    expect([replayed(fromAda), replayed(fromBob)]).toEqual([false, false]);
    expect(fromBob.json<{ id: number }>().id).not.toBe(fromAda.json<{ id: number }>().id);
    expect((await postFeedback(api, bob, { lessonId, rating: 1 }, key)).body).toBe(fromBob.body);
    expect([await rowsOf(ada), await rowsOf(bob)]).toEqual([1, 1]);
  });

  it('still asks for a token first: an anonymous request never reaches the key', async () => {
    const response = await api.inject({
      method: 'POST',
      url: '/feedback',
      headers: { 'idempotency-key': 'k'.repeat(300) },
      payload: { lessonId, rating: 4 },
    });
    expectProblem(response, 401);
  });

  it('documents the optional header in the OpenAPI document', async () => {
    const document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>>;
    }>();
    expect(document.paths['/feedback'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
  });
});

describe('Idempotency-Key with Redis down', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let lessonId: number;

  beforeAll(async () => {
    harness = await TestHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    lessonId = await firstPublishedLesson(db);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('still writes (without the retry protection) rather than failing', async () => {
    const learner = await signUp(api);
    const key = randomUUID();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await postFeedback(api, learner, { lessonId, rating: 4 }, key);
      expect(response.statusCode).toBe(201);
      expect(replayed(response)).toBe(false);
    }
    expectProblem(await postFeedback(api, learner, { lessonId, rating: 4 }, 'clé'), 400, 'REQUEST.VALIDATION_FAILED');
  });
});
