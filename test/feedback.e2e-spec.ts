import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { bearer, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const PASSWORD = 'violet-kayak-orbit-91';

interface Item {
  id: number;
  lessonId: number;
  lessonTitle: string;
  userId: number;
  rating: number;
  comment: string | null;
  status: string;
  adminNote: string | null;
  createdAt: string;
  updatedAt: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  averageRating: number | null;
}

describe('lesson feedback', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let learner: SignedIn;
  let admin: SignedIn;
  let lessons: { id: number; title: string }[];
  let draftLessonId: number;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    ({ rows: lessons } = await db.query(
      `SELECT lesson_id AS id, title FROM lessons WHERE status = 'published' ORDER BY lesson_id LIMIT 3`,
    ));
    expect(lessons).toHaveLength(3);
    draftLessonId = lessons[2].id;
    await db.query(`UPDATE lessons SET status = 'draft' WHERE lesson_id = $1`, [draftLessonId]);

    learner = await signUp(api);
    const promoted = await signUp(api);
    await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [promoted.user.id]);
    const login = await api.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: promoted.user.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    admin = login.json<SignedIn>();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const submit = (token: string | null, payload: unknown) =>
    api.inject({ method: 'POST', url: '/feedback', headers: token ? bearer(token) : {}, payload: payload as object });
  const list = (query: string, token: string | null = admin.accessToken) =>
    api.inject({ method: 'GET', url: `/admin/feedback?${query}`, headers: token ? bearer(token) : {} });
  const review = (id: number | string, payload: unknown, token: string | null = admin.accessToken) =>
    api.inject({
      method: 'PATCH',
      url: `/admin/feedback/${id}`,
      headers: token ? bearer(token) : {},
      payload: payload as object,
    });
  const fields = (problem: Record<string, unknown>) =>
    (problem.errors as { field: string }[]).map((error) => error.field);

  describe('POST /feedback', () => {
    it('stores a learner rating with a trimmed comment, or none', async () => {
      const response = await submit(learner.accessToken, { lessonId: lessons[0].id, rating: 4, comment: '  Nice  ' });
      expect(response.statusCode).toBe(201);
      const body = response.json<Record<string, unknown>>();
      expect(body).toEqual({
        id: expect.any(Number),
        lessonId: lessons[0].id,
        rating: 4,
        comment: 'Nice',
        status: 'open',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/),
      });
      const bare = await submit(learner.accessToken, { lessonId: lessons[0].id, rating: 5 });
      expect(bare.statusCode).toBe(201);
      expect(bare.json()).toMatchObject({ comment: null, rating: 5 });
      const { rows } = await db.query(`SELECT user_id, comment FROM feedback WHERE feedback_id = $1`, [body.id]);
      expect(rows).toEqual([{ user_id: learner.user.id, comment: 'Nice' }]);
    });

    it.each([
      ['rating 0', { rating: 0 }, 'rating'],
      ['rating 6', { rating: 6 }, 'rating'],
      ['rating 2.5', { rating: 2.5 }, 'rating'],
      ['rating "5"', { rating: '5' }, 'rating'],
      ['a missing rating', { rating: undefined }, 'rating'],
      ['a 2001-character comment', { comment: 'c'.repeat(2001) }, 'comment'],
      ['a comment that is not text', { comment: 42 }, 'comment'],
      ['an unknown property', { stars: 5 }, 'stars'],
      ['a missing lessonId', { lessonId: undefined }, 'lessonId'],
      ['a lessonId "1"', { lessonId: '1' }, 'lessonId'],
    ])('refuses %s with a 400 naming the field', async (_label, change, field) => {
      const payload = { lessonId: lessons[0].id, rating: 3, ...change };
      const problem = expectProblem(await submit(learner.accessToken, payload), 400, 'REQUEST.VALIDATION_FAILED');
      expect(fields(problem)).toContain(field);
    });

    it('accepts a 2000-character comment (after trimming)', async () => {
      const response = await submit(learner.accessToken, {
        lessonId: lessons[1].id,
        rating: 2,
        comment: ` ${'c'.repeat(2000)} `,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<{ comment: string }>().comment).toHaveLength(2000);
    });

    it('needs a token', async () => {
      expectProblem(await submit(null, { lessonId: lessons[0].id, rating: 3 }), 401);
    });

    it('answers the same 404 for a draft and an unknown lesson', async () => {
      const draft = expectProblem(
        await submit(learner.accessToken, { lessonId: draftLessonId, rating: 3 }),
        404,
        'CMS.LESSON_NOT_FOUND',
      );
      const unknown = expectProblem(
        await submit(learner.accessToken, { lessonId: 999_999, rating: 3 }),
        404,
        'CMS.LESSON_NOT_FOUND',
      );
      expect(draft.detail).toBe(unknown.detail);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM feedback WHERE lesson_id = $1`, [draftLessonId]);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('admin routes', () => {
    it('are 401 anonymous and 403 for a learner', async () => {
      expectProblem(await list('', null), 401);
      expectProblem(await list('', learner.accessToken), 403, 'AUTH.FORBIDDEN');
      expectProblem(await review(1, { status: 'resolved' }, null), 401);
      expectProblem(await review(1, { status: 'resolved' }, learner.accessToken), 403, 'AUTH.FORBIDDEN');
    });

    it('lists newest first, filters by status and lesson, and averages the whole lesson', async () => {
      const lessonId = lessons[1].id;
      await db.query(`DELETE FROM feedback WHERE lesson_id = $1`, [lessonId]);
      const author = await signUp(api);
      const ids: number[] = [];
      for (const rating of [1, 2, 4, 5, 5]) {
        const response = await submit(author.accessToken, { lessonId, rating, comment: `rated ${rating}` });
        ids.push(response.json<{ id: number }>().id);
      }
      expect((await review(ids[0], { status: 'resolved' })).statusCode).toBe(200);

      const all = (await list(`lessonId=${lessonId}`)).json<Page>();
      expect(all.items.map((item) => item.id)).toEqual([...ids].reverse());
      expect(all.averageRating).toBe(3.4);
      expect(all.nextCursor).toBeNull();
      expect(all.items[0]).toEqual({
        id: ids[4],
        lessonId,
        lessonTitle: lessons[1].title,
        userId: author.user.id,
        rating: 5,
        comment: 'rated 5',
        status: 'open',
        adminNote: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const open = (await list(`lessonId=${lessonId}&status=open`)).json<Page>();
      expect(open.items.map((item) => item.id)).toEqual(ids.slice(1).reverse());
      expect(open.averageRating).toBe(3.4);
      const resolved = (await list('status=resolved')).json<Page>();
      expect(resolved.items.map((item) => item.id)).toEqual([ids[0]]);
      expect(resolved.averageRating).toBeNull();
      expect((await list(`lessonId=${draftLessonId}`)).json()).toEqual({
        items: [],
        nextCursor: null,
        averageRating: null,
      });
    });

    it('pages with an opaque cursor that new feedback never shifts', async () => {
      const everything = (await list('limit=100')).json<Page>().items.map((item) => item.id);
      expect(everything.length).toBeGreaterThan(4);
      expect((await list('')).json<Page>().items.length).toBe(Math.min(20, everything.length));
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode).toBe(200);
        const page: Page = response.json<Page>();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
        // Newer feedback arrives mid-walk: it belongs before the pages already read.
        if (pages === 1) await submit(learner.accessToken, { lessonId: lessons[0].id, rating: 1 });
      } while (cursor && pages < 50);
      expect(seen).toEqual(everything);
    });

    it.each([
      ['a malformed cursor', 'cursor=not-a-cursor!', 'cursor'],
      ['a forged cursor', `cursor=${Buffer.from('[1,2,3]').toString('base64url')}`, 'cursor'],
      ['limit 0', 'limit=0', 'limit'],
      ['limit 101', 'limit=101', 'limit'],
      ['limit 2.5', 'limit=2.5', 'limit'],
      ['an unknown status', 'status=closed', 'status'],
      ['a lessonId that is not a number', 'lessonId=abc', 'lessonId'],
      ['an unknown parameter', 'page=2', 'page'],
    ])('refuses %s with a 400', async (_label, query, field) => {
      expect(fields(expectProblem(await list(query), 400))).toContain(field);
    });

    it('updates status and note, and refuses bad changes', async () => {
      const created = (await submit(learner.accessToken, { lessonId: lessons[0].id, rating: 2 })).json<Item>();
      const resolved = await review(created.id, { status: 'resolved', adminNote: '  Fixed in v1.4  ' });
      expect(resolved.statusCode).toBe(200);
      const item = resolved.json<Item>();
      expect(item).toMatchObject({
        id: created.id,
        lessonId: lessons[0].id,
        lessonTitle: lessons[0].title,
        userId: learner.user.id,
        status: 'resolved',
        adminNote: 'Fixed in v1.4',
      });
      expect(Date.parse(item.updatedAt)).toBeGreaterThanOrEqual(Date.parse(item.createdAt));

      expect((await review(created.id, { status: 'open' })).json()).toMatchObject({
        status: 'open',
        adminNote: 'Fixed in v1.4',
      });
      expect((await review(created.id, { adminNote: null })).json()).toMatchObject({
        status: 'open',
        adminNote: null,
      });

      expect(fields(expectProblem(await review(created.id, {}), 400))).toEqual(['body']);
      expect(fields(expectProblem(await review(created.id, { status: 'closed' }), 400))).toContain('status');
      expect(fields(expectProblem(await review(created.id, { adminNote: 'n'.repeat(2001) }), 400))).toContain(
        'adminNote',
      );
      expect(fields(expectProblem(await review(created.id, { rating: 5 }), 400))).toContain('rating');
      expect(fields(expectProblem(await review('abc', { status: 'open' }), 400))).toEqual(['id']);
      expect(fields(expectProblem(await review('1.5', { status: 'open' }), 400))).toEqual(['id']);
      expectProblem(await review(999_999, { status: 'open' }), 404, 'CMS.FEEDBACK_NOT_FOUND');
      expectProblem(await review(99_999_999_999, { status: 'open' }), 404, 'CMS.FEEDBACK_NOT_FOUND');
    });
  });

  describe('personal data', () => {
    it("exports only the caller's feedback and erases it with the account", async () => {
      const me = await signUp(api);
      const other = await signUp(api);
      await submit(me.accessToken, { lessonId: lessons[0].id, rating: 5, comment: 'mine' });
      await submit(other.accessToken, { lessonId: lessons[0].id, rating: 1, comment: 'someone-elses' });

      const exported = await api.inject({ method: 'GET', url: '/me/export', headers: bearer(me.accessToken) });
      expect(exported.statusCode).toBe(200);
      expect(exported.json<{ feedback: unknown }>().feedback).toEqual([
        expect.objectContaining({ lessonId: lessons[0].id, rating: 5, comment: 'mine', status: 'open' }),
      ]);
      expect(exported.body).not.toContain('someone-elses');

      const removed = await api.inject({
        method: 'DELETE',
        url: '/me',
        headers: bearer(me.accessToken),
        payload: { password: PASSWORD },
      });
      expect(removed.statusCode).toBe(204);
      const count = async (userId: number) =>
        (await db.query(`SELECT count(*)::int AS n FROM feedback WHERE user_id = $1`, [userId])).rows[0].n;
      expect(await count(me.user.id)).toBe(0);
      expect(await count(other.user.id)).toBe(1);
    });
  });
});
