import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CdnPurger } from '@techtrek/lessons';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, bearer, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

interface AdminLesson {
  id: number;
  topic: string;
  sequenceOrder: number;
  title: string;
  status: string;
  revision: number;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  exercises: { id: string; kind: string }[];
}

/** One exercise of every kind, each with its answer key and explanation. */
const EXERCISES = [
  {
    kind: 'single_choice',
    prompt: 'Which verb reads?',
    options: ['GET', 'POST'],
    correct: ['GET'],
    explanation: 'GET reads.',
  },
  {
    kind: 'multiple_choice',
    prompt: 'Which verbs change data?',
    options: ['GET', 'POST', 'DELETE'],
    correct: ['POST', 'DELETE'],
    explanation: 'They write.',
  },
  { kind: 'true_false', prompt: 'REST needs JSON.', correct: [false], explanation: 'Any format works.' },
  {
    kind: 'ordering',
    prompt: 'Order a call.',
    items: ['Respond', 'Request'],
    correct: ['Request', 'Respond'],
    explanation: 'Ask first.',
  },
  { kind: 'fill_blank', prompt: 'A 404 means Not ____.', correct: ['Found'], explanation: 'Not Found.' },
];

const NEW_LESSON = {
  topic: 'apis',
  title: 'REST in Plain English',
  summary: 'Resources, verbs and status codes.',
  content: '# REST\n\nMost web APIs follow a style called REST.',
  difficulty: 'beginner',
  estimatedMinutes: 5,
  exercises: EXERCISES,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('CMS: /admin/lessons and /admin/topics', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let other: NestFastifyApplication;
  let db: pg.Client;
  let admin: SignedIn;
  let learner: SignedIn;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    other = await harness.startApi();
    db = await harness.database();
    admin = await signUpAdmin(api, db);
    learner = await signUp(api);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const asAdmin = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    asUser(api, admin.accessToken)(method, url, payload, headers);
  const learnerGet = (url: string, app = api) => app.inject({ method: 'GET', url });
  const create = async (overrides: Record<string, unknown> = {}): Promise<AdminLesson> => {
    const response = await asAdmin('POST', '/admin/lessons', { ...NEW_LESSON, ...overrides });
    expect(response.statusCode).toBe(201);
    return response.json<AdminLesson>();
  };
  const publish = async (id: number): Promise<AdminLesson> => {
    const response = await asAdmin('POST', `/admin/lessons/${id}/publish`);
    expect(response.statusCode).toBe(200);
    return response.json<AdminLesson>();
  };
  const fields = (response: LightMyRequestResponse): string[] => [
    ...new Set((expectProblem(response, 400).errors as { field: string }[]).map((error) => error.field)),
  ];
  const auditOf = async (entityId: number | string) =>
    (
      await db.query<{ action: string; actorId: number; before: unknown; after: unknown }>(
        `SELECT action, actor_id AS "actorId", before, after FROM audit_log WHERE entity_id = $1 ORDER BY audit_id`,
        [String(entityId)],
      )
    ).rows;

  describe('access', () => {
    const routes: [string, string][] = [
      ['GET', '/admin/lessons'],
      ['POST', '/admin/lessons'],
      ['GET', '/admin/lessons/1'],
      ['PATCH', '/admin/lessons/1'],
      ['DELETE', '/admin/lessons/1'],
      ['POST', '/admin/lessons/1/publish'],
      ['POST', '/admin/lessons/1/unpublish'],
      ['PUT', '/admin/topics/apis/order'],
    ];

    it.each(routes)('%s %s is 401 without a token and 403 for a learner', async (method, url) => {
      expectProblem(await api.inject({ method: method as 'GET', url }), 401);
      expectProblem(await api.inject({ method: method as 'GET', url, headers: bearer(learner.accessToken) }), 403);
    });
  });

  describe('authoring and publishing', () => {
    it('creates a draft with server-assigned exercise ids, invisible to learners', async () => {
      const response = await asAdmin('POST', '/admin/lessons', NEW_LESSON);
      expect(response.statusCode).toBe(201);
      const lesson = response.json<AdminLesson>();
      expect(response.headers.etag).toBe('"r1"');
      expect(lesson).toMatchObject({
        topic: 'apis',
        status: 'draft',
        revision: 1,
        publishedVersion: null,
        hasUnpublishedChanges: true,
        sequenceOrder: 5,
      });
      expect(lesson.exercises.map((exercise) => exercise.id)).toEqual(
        EXERCISES.map(() => expect.stringMatching(/^ex-[0-9a-f]{8}$/)),
      );
      expectProblem(await learnerGet(`/lessons/${lesson.id}`), 404, 'LESSONS.LESSON_NOT_FOUND');
      const read = await asAdmin('GET', `/admin/lessons/${lesson.id}`);
      expect(read.json()).toEqual(lesson);
      expect(read.headers.etag).toBe('"r1"');
      expect(await auditOf(lesson.id)).toEqual([
        {
          action: 'lesson.created',
          actorId: admin.user.id,
          before: null,
          after: expect.objectContaining({ id: lesson.id }),
        },
      ]);
    });

    it('publishes to learners at once, on every instance, without a single answer key', async () => {
      const lesson = await create();
      await learnerGet('/lessons?topic=apis', other); // cached on the other instance
      const purge = jest.spyOn(api.get(CdnPurger), 'purge');
      const published = await publish(lesson.id);
      expect(published).toMatchObject({ status: 'published', publishedVersion: 1, hasUnpublishedChanges: false });
      expect(purge).toHaveBeenCalledWith(expect.arrayContaining(['/lessons', `/lessons/${lesson.id}`, '/topics']));

      const detail = await learnerGet(`/lessons/${lesson.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ id: lesson.id, title: NEW_LESSON.title, version: 1 });
      const keys = keysOf(detail.json());
      expect(keys).not.toContain('correct');
      expect(keys).not.toContain('explanation');
      expect(detail.json<{ exercises: { kind: string }[] }>().exercises.map((exercise) => exercise.kind)).toEqual(
        EXERCISES.map((exercise) => exercise.kind),
      );
      for (let waited = 0; waited < 1_500; waited += 50) {
        const items = (await learnerGet('/lessons?topic=apis', other)).json<{ items: { id: number }[] }>().items;
        if (items.some((item) => item.id === lesson.id)) return;
        await sleep(50);
      }
      throw new Error('the other instance never listed the published lesson');
    });

    it('keeps edits to a live lesson away from learners until the next publish freezes version 2', async () => {
      const lesson = await publish((await create()).id);
      const edited = await asAdmin(
        'PATCH',
        `/admin/lessons/${lesson.id}`,
        { title: 'REST, Simply' },
        { 'if-match': '"r1"' },
      );
      expect(edited.statusCode).toBe(200);
      expect(edited.headers.etag).toBe('"r2"');
      expect(edited.json()).toMatchObject({ title: 'REST, Simply', revision: 2, hasUnpublishedChanges: true });
      expect((await learnerGet(`/lessons/${lesson.id}`)).json()).toMatchObject({ title: NEW_LESSON.title, version: 1 });

      expect(await publish(lesson.id)).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false });
      expect((await learnerGet(`/lessons/${lesson.id}`)).json()).toMatchObject({ title: 'REST, Simply', version: 2 });
      const versions = await db.query(
        `SELECT version, title FROM lesson_versions WHERE lesson_id = $1 ORDER BY version`,
        [lesson.id],
      );
      expect(versions.rows).toEqual([
        { version: 1, title: NEW_LESSON.title },
        { version: 2, title: 'REST, Simply' },
      ]);
      await expect(
        db.query(`UPDATE lesson_versions SET title = 'x' WHERE lesson_id = $1`, [lesson.id]),
      ).rejects.toThrow(/immutable/);
      expect((await auditOf(lesson.id)).map((entry) => entry.action)).toEqual([
        'lesson.created',
        'lesson.published',
        'lesson.updated',
        'lesson.published',
      ]);
    });

    it('refuses a stale If-Match with 412 and overwrites nothing', async () => {
      const lesson = await create();
      expect(
        (await asAdmin('PATCH', `/admin/lessons/${lesson.id}`, { title: 'First' }, { 'if-match': '"r1"' })).statusCode,
      ).toBe(200);
      for (const ifMatch of ['"r1"', 'W/"r2"', 'garbage']) {
        const stale = await asAdmin(
          'PATCH',
          `/admin/lessons/${lesson.id}`,
          { title: 'Second' },
          { 'if-match': ifMatch },
        );
        expect(expectProblem(stale, 412, 'LESSONS.STALE_REVISION')).toMatchObject({ currentRevision: 2 });
      }
      for (const [method, url] of [
        ['POST', `/admin/lessons/${lesson.id}/publish`],
        ['POST', `/admin/lessons/${lesson.id}/unpublish`],
        ['DELETE', `/admin/lessons/${lesson.id}`],
      ]) {
        expectProblem(await asAdmin(method, url, undefined, { 'if-match': '"r1"' }), 412, 'LESSONS.STALE_REVISION');
      }
      expect((await asAdmin('GET', `/admin/lessons/${lesson.id}`)).json()).toMatchObject({
        title: 'First',
        revision: 2,
        status: 'draft',
      });
      expect(
        (await asAdmin('PATCH', `/admin/lessons/${lesson.id}`, { title: 'Any' }, { 'if-match': '*' })).statusCode,
      ).toBe(200);
    });

    it('unpublishes at once and republishes the same version', async () => {
      const lesson = await publish((await create()).id);
      await learnerGet(`/lessons/${lesson.id}`);
      const hidden = await asAdmin('POST', `/admin/lessons/${lesson.id}/unpublish`);
      expect(hidden.json()).toMatchObject({ status: 'draft', publishedVersion: 1 });
      expectProblem(await learnerGet(`/lessons/${lesson.id}`), 404);
      expect(await publish(lesson.id)).toMatchObject({ status: 'published', publishedVersion: 1 });
      expect((await learnerGet(`/lessons/${lesson.id}`)).statusCode).toBe(200);
    });

    it('deletes a lesson (learners 404 at once) but never one learners have progress on', async () => {
      const lesson = await publish((await create()).id);
      await learnerGet(`/lessons/${lesson.id}`);
      expect((await asAdmin('DELETE', `/admin/lessons/${lesson.id}`)).statusCode).toBe(204);
      expectProblem(await learnerGet(`/lessons/${lesson.id}`), 404);
      expectProblem(await asAdmin('GET', `/admin/lessons/${lesson.id}`), 404, 'LESSONS.LESSON_NOT_FOUND');
      expect((await auditOf(lesson.id)).at(-1)).toMatchObject({ action: 'lesson.deleted', after: null });

      const used = await publish((await create()).id);
      await db.query(`INSERT INTO progress (user_id, lesson_id) VALUES ($1, $2)`, [learner.user.id, used.id]);
      expectProblem(await asAdmin('DELETE', `/admin/lessons/${used.id}`), 409, 'LESSONS.LESSON_IN_USE');
      expect((await learnerGet(`/lessons/${used.id}`)).statusCode).toBe(200);
    });

    it('shows referenced media to learners as frozen at publish: kind, URL and alt text', async () => {
      const sha = 'a'.repeat(64);
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO media_assets (kind, content_type, byte_size, sha256, storage_key)
         VALUES ('image', 'image/png', 68, $1, $1 || '.png') RETURNING media_id AS id`,
        [sha],
      );
      const lesson = await create({ media: [{ assetId: rows[0].id, alt: 'A waiter with a tray' }] });
      expect(lesson).toMatchObject({ media: [{ assetId: rows[0].id, alt: 'A waiter with a tray' }] });
      await publish(lesson.id);
      expect((await learnerGet(`/lessons/${lesson.id}`)).json()).toMatchObject({
        media: [
          {
            id: rows[0].id,
            kind: 'image',
            url: expect.stringMatching(new RegExp(`/media/${sha}\\.png$`)),
            alt: 'A waiter with a tray',
          },
        ],
      });
    });

    it('refuses to publish a lesson without exercises', async () => {
      const empty = await create({ exercises: [] });
      expectProblem(await asAdmin('POST', `/admin/lessons/${empty.id}/publish`), 409, 'LESSONS.NOT_PUBLISHABLE');
    });
  });

  describe('reordering a topic', () => {
    it('reorders atomically, live for learners, and refuses a list that is not the topic', async () => {
      const ids = (await asAdmin('GET', '/admin/lessons?topic=cloud-computing&limit=100'))
        .json<{ items: { id: number }[] }>()
        .items.map((item) => item.id);
      await learnerGet('/lessons?topic=cloud-computing');
      const reversed = [...ids].reverse();
      const response = await asAdmin('PUT', '/admin/topics/cloud-computing/order', { lessonIds: reversed });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ topic: 'cloud-computing', lessonIds: reversed });
      const seen = (await learnerGet('/lessons?topic=cloud-computing')).json<{
        items: { id: number; sequenceOrder: number }[];
      }>();
      expect(seen.items.map((item) => item.id)).toEqual(reversed);
      expect(seen.items.map((item) => item.sequenceOrder)).toEqual(reversed.map((_, index) => index + 1));

      const conflict = await asAdmin('PUT', '/admin/topics/cloud-computing/order', { lessonIds: ids.slice(1) });
      expect(expectProblem(conflict, 409, 'LESSONS.TOPIC_ORDER_MISMATCH')).toMatchObject({
        missing: [ids[0]],
        unknown: [],
      });
      expect(
        fields(await asAdmin('PUT', '/admin/topics/cloud-computing/order', { lessonIds: [ids[0], ids[0]] })),
      ).toEqual(['lessonIds']);
      expectProblem(
        await asAdmin('PUT', '/admin/topics/no-such-topic/order', { lessonIds: [1] }),
        404,
        'LESSONS.TOPIC_NOT_FOUND',
      );
      const after = (await learnerGet('/lessons?topic=cloud-computing')).json<{ items: { id: number }[] }>();
      expect(after.items.map((item) => item.id)).toEqual(reversed);
      expect((await auditOf('cloud-computing')).map((entry) => entry.action)).toEqual(['topic.reordered']);
    });
  });

  describe('bad input', () => {
    it('names the field path of every exercise problem', async () => {
      const response = await asAdmin('POST', '/admin/lessons', {
        ...NEW_LESSON,
        exercises: [
          EXERCISES[0],
          EXERCISES[1],
          { ...EXERCISES[0], options: ['GET', 'GET'] },
          { ...EXERCISES[2], hint: 'x' },
        ],
      });
      expect(fields(response)).toEqual(['exercises[2].options', 'exercises[3].hint']);
    });

    it('refuses unknown topics, wrong types, empty edits and bad ids without writing anything', async () => {
      const count = async () => (await db.query(`SELECT count(*)::int AS n FROM lessons`)).rows[0].n;
      const before = await count();
      expect(fields(await asAdmin('POST', '/admin/lessons', { ...NEW_LESSON, topic: 'astrology' }))).toEqual(['topic']);
      expect(
        fields(await asAdmin('POST', '/admin/lessons', { ...NEW_LESSON, estimatedMinutes: '5', exercises: 'none' })),
      ).toEqual(expect.arrayContaining(['estimatedMinutes', 'exercises']));
      expect(
        fields(await asAdmin('POST', '/admin/lessons', { ...NEW_LESSON, media: [{ assetId: 999999, alt: '' }] })),
      ).toEqual(['media[0].assetId']);
      expect(fields(await asAdmin('POST', '/admin/lessons', { ...NEW_LESSON, exercises: [1, null] }))).toEqual([
        'exercises',
      ]);
      expect(fields(await asAdmin('PATCH', '/admin/lessons/1', {}))).toEqual(['body']);
      expect(fields(await asAdmin('PATCH', '/admin/lessons/1', { topic: 'apis' }))).toEqual(['topic']);
      expect(fields(await asAdmin('GET', '/admin/lessons/abc'))).toEqual(['id']);
      expectProblem(await asAdmin('GET', '/admin/lessons/99999999999'), 404, 'LESSONS.LESSON_NOT_FOUND');
      expectProblem(await asAdmin('GET', '/admin/lessons/999999'), 404, 'LESSONS.LESSON_NOT_FOUND');
      expect(fields(await asAdmin('GET', '/admin/lessons?status=live'))).toEqual(['status']);
      expect(fields(await asAdmin('GET', '/admin/lessons?cursor=nope'))).toEqual(['cursor']);
      expect(await count()).toBe(before);
    });
  });

  it('lists drafts and published lessons in catalogue order, filtered, with a stable cursor', async () => {
    const drafts = (await asAdmin('GET', '/admin/lessons?status=draft&limit=100')).json<{ items: AdminLesson[] }>();
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(drafts.items.every((item) => item.status === 'draft')).toBe(true);
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page: LightMyRequestResponse = await asAdmin(
        'GET',
        `/admin/lessons?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = page.json<{ items: AdminLesson[]; nextCursor: string | null }>();
      pages.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM lessons`);
    expect(pages).toHaveLength(rows[0].n);
    expect(new Set(pages).size).toBe(pages.length);
  });
});
