import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogueInvalidator, readCurriculumDirectory, type Curriculum } from '@techtrek/lessons';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

interface Summary {
  id: number;
  topic: string;
  title: string;
  sequenceOrder: number;
  difficulty: string;
  exerciseCount: number;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}

const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

describe('learner catalogue: topics and lessons', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let curriculum: Curriculum;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    curriculum = await readCurriculumDirectory(harness.environment.SEED_CURRICULUM_DIR);
    api = await harness.startApi();
    db = await harness.database();
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** A direct catalogue change, announced the way the CMS does, so cached answers are dropped. */
  const changeCatalogue = async (sql: string, params: unknown[] = []): Promise<void> => {
    await db.query(sql, params);
    await api.get(CatalogueInvalidator).invalidateAll();
  };
  const get = (url: string, headers: Record<string, string> = {}) => api.inject({ method: 'GET', url, headers });
  const page = async (query: string): Promise<Page> => {
    const response = await get(`/lessons?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<Page>();
  };
  /** Follows nextCursor to the end; `between` runs after each page (to change data mid-walk). */
  const walk = async (query: string, between: (pageNumber: number) => Promise<void> = async () => undefined) => {
    const items: Summary[] = [];
    let cursor: string | null = null;
    let pageNumber = 0;
    do {
      const next: Page = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...next.items);
      cursor = next.nextCursor;
      pageNumber += 1;
      await between(pageNumber);
    } while (cursor && pageNumber < 50);
    return { items, pages: pageNumber };
  };
  const expectedOrder = () =>
    curriculum.topics.flatMap((topic) =>
      topic.lessons.map((lesson, index) => ({ topic: topic.topic, title: lesson.title, sequenceOrder: index + 1 })),
    );
  const key = (item: { topic: string; sequenceOrder: number }) => `${item.topic}#${item.sequenceOrder}`;

  it('documents the three routes in OpenAPI, explicitly without a security requirement', async () => {
    const document = (await get('/docs-json')).json<{ paths: Record<string, { get: Record<string, unknown> }> }>();
    for (const path of ['/topics', '/lessons', '/lessons/{id}']) {
      expect(document.paths[path]?.get).toBeDefined();
      expect(document.paths[path].get.security).toEqual([]);
    }
    expect(document.paths['/lessons/{id}'].get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ type: 'integer' }) }),
    ]);
  });

  describe('GET /topics', () => {
    it('lists topics in curriculum order with their published lesson counts, without a token', async () => {
      const response = await get('/topics');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe(CACHE_CONTROL);
      expect(response.json()).toEqual(
        curriculum.topics.map((topic) => ({
          topic: topic.topic,
          title: topic.title,
          lessonCount: topic.lessons.length,
        })),
      );
    });

    it('leaves out a topic with no published lesson', async () => {
      await changeCatalogue(`INSERT INTO topics (topic, title, position) VALUES ('coming-soon', 'Coming soon', 1000)`);
      await changeCatalogue(
        `INSERT INTO lessons (topic, title, content, difficulty, sequence_order, status)
         VALUES ('coming-soon', 'Draft', 'text', 'beginner', 1, 'draft')`,
      );
      try {
        const topics = (await get('/topics')).json<{ topic: string }[]>();
        expect(topics.map((topic) => topic.topic)).not.toContain('coming-soon');
        expect(topics).toHaveLength(curriculum.topics.length);
      } finally {
        await changeCatalogue(`DELETE FROM lessons WHERE topic = 'coming-soon'`);
        await changeCatalogue(`DELETE FROM topics WHERE topic = 'coming-soon'`);
      }
    });
  });

  describe('GET /lessons', () => {
    it('walks all 24 lessons 5 at a time, in topic then sequence order, without gaps or duplicates', async () => {
      const { items, pages } = await walk('limit=5');
      expect(pages).toBe(5);
      expect(items).toHaveLength(24);
      expect(
        items.map((item) => ({ topic: item.topic, title: item.title, sequenceOrder: item.sequenceOrder })),
      ).toEqual(expectedOrder());
      expect(new Set(items.map((item) => item.id)).size).toBe(24);
    });

    it('returns summaries with their exercise counts and 20 by default', async () => {
      const first = await page('');
      expect(first.items).toHaveLength(20);
      expect(first.nextCursor).toEqual(expect.any(String));
      const apis = curriculum.topics.find((topic) => topic.topic === 'apis')!;
      const [lesson] = (await page('topic=apis&limit=1')).items;
      expect(lesson).toEqual({
        id: expect.any(Number),
        topic: 'apis',
        title: apis.lessons[0].title,
        summary: apis.lessons[0].summary,
        difficulty: apis.lessons[0].difficulty,
        sequenceOrder: 1,
        estimatedMinutes: apis.lessons[0].estimatedMinutes,
        exerciseCount: apis.lessons[0].exercises.length,
      });
    });

    it('stays stable when a lesson is published into a page already read', async () => {
      const firstTopic = curriculum.topics[0].topic;
      try {
        const { items } = await walk('limit=5', async (pageNumber) => {
          if (pageNumber !== 2) return;
          await changeCatalogue(
            `WITH l AS (
               INSERT INTO lessons (topic, title, content, difficulty, sequence_order, status, exercises,
                                    published_version, published_revision)
               VALUES ($1, 'Inserted mid-walk', 'text', 'beginner', 99, 'published', '[]', 1, 1)
               RETURNING *
             )
             INSERT INTO lesson_versions (lesson_id, version, revision, title, summary, content, difficulty,
                                          estimated_minutes, media, exercises)
             SELECT lesson_id, 1, 1, title, summary, content, difficulty, estimated_minutes, media, exercises FROM l`,
            [firstTopic],
          );
        });
        expect(items.map(key)).toEqual(expectedOrder().map(key));
        expect((await walk('limit=5')).items).toHaveLength(25);
      } finally {
        await changeCatalogue(`DELETE FROM lessons WHERE title = 'Inserted mid-walk'`);
      }
    });

    it('filters by topic and by difficulty, keeping the order', async () => {
      const apis = await page('topic=apis');
      expect(apis.items.map((item) => [item.topic, item.sequenceOrder])).toEqual([
        ['apis', 1],
        ['apis', 2],
        ['apis', 3],
        ['apis', 4],
      ]);
      expect(apis.nextCursor).toBeNull();

      const beginner = expectedOrder().filter(
        (_, index) => curriculum.topics.flatMap((topic) => topic.lessons)[index].difficulty === 'beginner',
      );
      const walked = await walk('difficulty=beginner&limit=3');
      expect(walked.items.map(key)).toEqual(beginner.map(key));
      expect(walked.items.every((item) => item.difficulty === 'beginner')).toBe(true);

      const both = await page('topic=apis&difficulty=advanced');
      expect(both.items.every((item) => item.topic === 'apis' && item.difficulty === 'advanced')).toBe(true);
    });

    it('answers an unknown topic with an empty list', async () => {
      expect(await page('topic=no-such-topic')).toEqual({ items: [], nextCursor: null });
    });

    it.each(['limit=0', 'limit=101', 'limit=abc', 'limit=5.5', 'limit=-1', 'limit=', 'limit=1e1'])(
      'refuses %s with a 400 problem naming limit',
      async (query) => {
        const problem = expectProblem(await get(`/lessons?${query}`), 400, 'REQUEST.VALIDATION_FAILED');
        const errors = problem.errors as { field: string }[];
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((error) => error.field === 'limit')).toBe(true);
      },
    );

    it.each(['difficulty=expert', 'difficulty=Beginner', 'difficulty='])(
      'refuses %s with a 400 problem',
      async (query) => {
        const problem = expectProblem(await get(`/lessons?${query}`), 400, 'REQUEST.VALIDATION_FAILED');
        expect(problem.errors).toEqual([expect.objectContaining({ field: 'difficulty' })]);
      },
    );

    it.each(['garbage', 'WzEsMl0', 'eyJhIjoxfQ', '%2B%2F%3D', 'W1siMSJdLDIsM10'])(
      'refuses the malformed cursor %s with a 400 problem',
      async (cursor) => {
        const problem = expectProblem(await get(`/lessons?cursor=${cursor}`), 400, 'LESSONS.INVALID_CURSOR');
        expect(problem.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
      },
    );

    it('refuses unknown query parameters', async () => {
      expectProblem(await get('/lessons?sort=title'), 400, 'REQUEST.VALIDATION_FAILED');
    });

    it('is cacheable and ignores tokens, even invalid ones', async () => {
      const response = await get('/lessons?limit=2', { authorization: 'Bearer not-a-token' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe(CACHE_CONTROL);
    });
  });

  describe('conditional requests', () => {
    it('tags each catalogue answer with a strong ETag and answers a matching If-None-Match with an empty 304', async () => {
      for (const url of ['/topics', '/lessons?limit=3', '/lessons/1']) {
        const first = await get(url);
        expect(first.statusCode).toBe(200);
        const etag = String(first.headers.etag);
        expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
        expect((await get(url)).headers.etag).toBe(etag);

        for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
          const revalidated = await get(url, { 'if-none-match': ifNoneMatch });
          expect({ url, ifNoneMatch, status: revalidated.statusCode, body: revalidated.body }).toEqual({
            url,
            ifNoneMatch,
            status: 304,
            body: '',
          });
          expect(revalidated.headers.etag).toBe(etag);
        }
        expect((await get(url, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
      }
    });

    it('gives a lesson a new ETag when what learners see changes, and tags no error', async () => {
      const before = String((await get('/lessons/2')).headers.etag);
      await changeCatalogue(`UPDATE lessons SET sequence_order = sequence_order + 100 WHERE lesson_id = 2`);
      const after = await get('/lessons/2', { 'if-none-match': before });
      await changeCatalogue(`UPDATE lessons SET sequence_order = sequence_order - 100 WHERE lesson_id = 2`);
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before);
      expect((await get('/lessons/2')).headers.etag).toBe(before);
      const missing = await get('/lessons/999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
    });
  });

  describe('GET /lessons/:id', () => {
    it('shows every seeded lesson with exercises of every kind, never with answers or explanations', async () => {
      const { items } = await walk('limit=100');
      const kinds = new Set<string>();
      const lessons = curriculum.topics.flatMap((topic) => topic.lessons);
      for (const [index, summary] of items.entries()) {
        const response = await get(`/lessons/${summary.id}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe(CACHE_CONTROL);
        expect(response.body).not.toMatch(/"correct"\s*:/);
        expect(response.body).not.toMatch(/"explanation"\s*:/);
        const detail = response.json<{ exercises: Record<string, unknown>[] }>();
        const authored = lessons[index];
        expect(detail).toEqual({
          id: summary.id,
          topic: summary.topic,
          title: authored.title,
          summary: authored.summary,
          content: authored.content,
          difficulty: authored.difficulty,
          sequenceOrder: summary.sequenceOrder,
          estimatedMinutes: authored.estimatedMinutes,
          version: 1,
          media: [],
          exercises: authored.exercises.map(({ correct: _correct, explanation: _explanation, ...visible }) => visible),
        });
        for (const exercise of detail.exercises) {
          kinds.add(String(exercise.kind));
          expect(
            Object.keys(exercise).every((field) => ['id', 'kind', 'prompt', 'options', 'items'].includes(field)),
          ).toBe(true);
        }
      }
      expect([...kinds].sort()).toEqual(['fill_blank', 'multiple_choice', 'ordering', 'single_choice', 'true_false']);
    });

    it('hides a draft lesson everywhere: 404, not listed, not counted', async () => {
      const [lesson] = (await page('topic=apis&limit=1')).items;
      await changeCatalogue(`UPDATE lessons SET status = 'draft' WHERE lesson_id = $1`, [lesson.id]);
      try {
        const response = await get(`/lessons/${lesson.id}`);
        expectProblem(response, 404, 'LESSONS.LESSON_NOT_FOUND');
        expect(response.headers['cache-control']).toBeUndefined();
        expect((await page('topic=apis')).items.map((item) => item.id)).not.toContain(lesson.id);
        const topics = (await get('/topics')).json<{ topic: string; lessonCount: number }[]>();
        expect(topics.find((topic) => topic.topic === 'apis')?.lessonCount).toBe(3);
      } finally {
        await changeCatalogue(`UPDATE lessons SET status = 'published' WHERE lesson_id = $1`, [lesson.id]);
      }
      expect((await get(`/lessons/${lesson.id}`)).statusCode).toBe(200);
    });

    it.each(['999999', '0', '-1', '99999999999'])('answers the unknown id %s with a 404 problem', async (id) => {
      expectProblem(await get(`/lessons/${id}`), 404, 'LESSONS.LESSON_NOT_FOUND');
    });

    it.each(['abc', '1.5', '1e3', '0x10', '%205', '%20'])(
      'answers the non-integer id %j with a 400 problem',
      async (id) => {
        const problem = expectProblem(await get(`/lessons/${id}`), 400, 'REQUEST.VALIDATION_FAILED');
        expect(problem.errors).toEqual([{ field: 'id', message: 'must be an integer' }]);
      },
    );
  });
});
