import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogueInvalidator } from '@techtrek/lessons';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const JSON_UTF8 = 'application/json; charset=utf-8';
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

interface Lesson {
  id: number;
  title: string;
  summary: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(50);
    value = await read();
  }
  return value;
}

describe('learner catalogue cache (ADR 0003)', () => {
  describe('with Redis, two API instances', () => {
    let harness: TestHarness;
    let api: NestFastifyApplication;
    let other: NestFastifyApplication;
    let db: pg.Client;

    beforeAll(async () => {
      harness = await TestHarness.start();
      await seed(harness.environment, () => undefined);
      api = await harness.startApi();
      other = await harness.startApi();
      db = await harness.database();
    });

    afterAll(async () => {
      await harness?.close();
    });

    const get = (app: NestFastifyApplication, url: string) => app.inject({ method: 'GET', url });

    /**
     * Publishes a new title straight in the database, as another instance's commit would, without
     * telling this process's cache; returns the undo.
     */
    async function publishTitleBehindTheCache(id: number, newTitle: string): Promise<() => Promise<void>> {
      await db.query(
        `INSERT INTO lesson_versions (lesson_id, version, revision, title, summary, content, difficulty,
                                      estimated_minutes, media, exercises)
         SELECT lesson_id, version + 1, revision, $2, summary, content, difficulty, estimated_minutes, media, exercises
         FROM lesson_versions v WHERE lesson_id = $1 ORDER BY version DESC LIMIT 1`,
        [id, newTitle],
      );
      await db.query(`UPDATE lessons SET published_version = published_version + 1 WHERE lesson_id = $1`, [id]);
      return async () => {
        await db.query(`UPDATE lessons SET published_version = published_version - 1 WHERE lesson_id = $1`, [id]);
        await db.query(`DELETE FROM lesson_versions WHERE lesson_id = $1 AND title = $2`, [id, newTitle]);
      };
    }
    const title = async (app: NestFastifyApplication, id: number) =>
      (await get(app, `/lessons/${id}`)).json<Lesson>().title;

    it('sends the cached bytes as JSON with the cache headers and an ETag', async () => {
      for (const url of ['/topics', '/lessons?limit=5', '/lessons/1']) {
        const first = await get(api, url);
        const second = await get(api, url);
        expect(first.statusCode).toBe(200);
        expect(first.headers['content-type']).toBe(JSON_UTF8);
        expect(first.headers['cache-control']).toBe(CACHE_CONTROL);
        expect(first.headers.etag).toEqual(expect.any(String));
        expect(second.body).toBe(first.body);
        expect(second.headers.etag).toBe(first.headers.etag);
        const revalidated = await api.inject({
          method: 'GET',
          url,
          headers: { 'if-none-match': String(first.headers.etag) },
        });
        expect(revalidated.statusCode).toBe(304);
        expect(revalidated.body).toBe('');
      }
    });

    it('serves a second request from the cache until the catalogue is invalidated', async () => {
      const before = await get(api, '/lessons/3');
      const list = await get(api, '/lessons?limit=20');
      const undo = await publishTitleBehindTheCache(3, 'Changed behind the cache');
      try {
        expect((await get(api, '/lessons/3')).body).toBe(before.body);
        expect((await get(api, '/lessons?limit=20')).body).toBe(list.body);

        await api.get(CatalogueInvalidator).invalidateAll();
        expect(await title(api, 3)).toBe('Changed behind the cache');
        const items = (await get(api, '/lessons?limit=20')).json<{ items: Lesson[] }>().items;
        expect(items.find((item) => item.id === 3)?.title).toBe('Changed behind the cache');
      } finally {
        await undo();
        await api.get(CatalogueInvalidator).invalidateAll();
      }
    });

    it('shows a change invalidated through one instance on the other within 1.5 s', async () => {
      const original = await title(other, 4);
      const undo = await publishTitleBehindTheCache(4, 'Seen everywhere');
      try {
        expect(await title(other, 4)).toBe(original); // cached on the other instance
        const invalidatedAt = Date.now();
        await api.get(CatalogueInvalidator).invalidateAll();
        const seen = await eventually(
          () => title(other, 4),
          (value) => value === 'Seen everywhere',
          1_500,
        );
        expect(seen).toBe('Seen everywhere');
        expect(Date.now() - invalidatedAt).toBeLessThan(1_500);
      } finally {
        await undo();
        await api.get(CatalogueInvalidator).invalidateAll();
      }
    });

    it('never caches a 404: a lesson published a moment later shows at once', async () => {
      await db.query(`UPDATE lessons SET status = 'draft' WHERE lesson_id = 5`);
      try {
        await api.get(CatalogueInvalidator).invalidateAll();
        expectProblem(await get(api, '/lessons/5'), 404, 'LESSONS.LESSON_NOT_FOUND');
        await db.query(`UPDATE lessons SET status = 'published' WHERE lesson_id = 5`);
        expect((await get(api, '/lessons/5')).statusCode).toBe(200);
      } finally {
        await db.query(`UPDATE lessons SET status = 'published' WHERE lesson_id = 5`);
        await api.get(CatalogueInvalidator).invalidateAll();
      }
    });

    it('never caches a 400', async () => {
      expect((await get(api, '/lessons?cursor=nope')).statusCode).toBe(400);
      expect((await get(api, '/lessons?cursor=nope')).statusCode).toBe(400);
    });
  });

  describe('with Redis down', () => {
    let harness: TestHarness;
    let api: NestFastifyApplication;
    let db: pg.Client;

    beforeAll(async () => {
      harness = await TestHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
      await seed(harness.environment, () => undefined);
      api = await harness.startApi();
      db = await harness.database();
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('still serves the catalogue from PostgreSQL with the right content', async () => {
      const { rows } = await db.query<{ title: string }>(`SELECT title FROM lessons WHERE lesson_id = 1`);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const lesson = await api.inject({ method: 'GET', url: '/lessons/1' });
        expect(lesson.statusCode).toBe(200);
        expect(lesson.headers['content-type']).toBe(JSON_UTF8);
        expect(lesson.json<Lesson>()).toMatchObject({ id: 1, title: rows[0].title });
        const list = await api.inject({ method: 'GET', url: '/lessons?limit=3' });
        expect(list.statusCode).toBe(200);
        expect(list.json<{ items: Lesson[] }>().items).toHaveLength(3);
        expect((await api.inject({ method: 'GET', url: '/topics' })).statusCode).toBe(200);
      }
      expectProblem(await api.inject({ method: 'GET', url: '/lessons/999999' }), 404, 'LESSONS.LESSON_NOT_FOUND');
    });
  });
});
