import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, bearer, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

interface ContentEntry {
  id: number;
  title: string;
  description: string;
  lessonId: number | null;
  revision: number;
}

interface AuditRecord {
  id: number;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('CMS: /admin/content and /admin/audit', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let admin: SignedIn;
  let learner: SignedIn;

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    admin = await signUpAdmin(api, db);
    learner = await signUp(api);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const asAdmin = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    asUser(api, admin.accessToken)(method, url, payload, headers);
  const fields = (response: LightMyRequestResponse): string[] => [
    ...new Set((expectProblem(response, 400).errors as { field: string }[]).map((error) => error.field)),
  ];
  const create = async (body: Record<string, unknown>): Promise<ContentEntry> => {
    const response = await asAdmin('POST', '/admin/content', body);
    expect(response.statusCode).toBe(201);
    return response.json<ContentEntry>();
  };

  it.each([
    ['GET', '/admin/content'],
    ['POST', '/admin/content'],
    ['GET', '/admin/content/1'],
    ['PATCH', '/admin/content/1'],
    ['DELETE', '/admin/content/1'],
    ['GET', '/admin/audit'],
  ])('%s %s is 401 without a token and 403 for a learner', async (method, url) => {
    expectProblem(await api.inject({ method: method as 'GET', url }), 401);
    expectProblem(await api.inject({ method: method as 'GET', url, headers: bearer(learner.accessToken) }), 403);
  });

  it('creates, reads, updates and deletes an entry, with ETags and an audit record each time', async () => {
    const created = await asAdmin('POST', '/admin/content', { title: '  Glossary: endpoint ', lessonId: 13 });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"r1"');
    const entry = created.json<ContentEntry>();
    expect(entry).toMatchObject({ title: 'Glossary: endpoint', description: '', lessonId: 13, revision: 1 });

    const read = await asAdmin('GET', `/admin/content/${entry.id}`);
    expect(read.json()).toEqual(entry);
    expect(read.headers.etag).toBe('"r1"');

    const updated = await asAdmin(
      'PATCH',
      `/admin/content/${entry.id}`,
      { description: 'One address of an API.', lessonId: null },
      { 'if-match': '"r1"' },
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"r2"');
    expect(updated.json()).toMatchObject({
      title: 'Glossary: endpoint',
      description: 'One address of an API.',
      lessonId: null,
    });

    expectProblem(
      await asAdmin('DELETE', `/admin/content/${entry.id}`, undefined, { 'if-match': '"r1"' }),
      412,
      'CMS.STALE_REVISION',
    );
    expect((await asAdmin('DELETE', `/admin/content/${entry.id}`, undefined, { 'if-match': '"r2"' })).statusCode).toBe(
      204,
    );
    expectProblem(await asAdmin('GET', `/admin/content/${entry.id}`), 404, 'CMS.CONTENT_NOT_FOUND');

    const audit = await asAdmin('GET', `/admin/audit?entityType=content&entityId=${entry.id}`);
    expect(audit.statusCode).toBe(200);
    const records = audit.json<{ items: AuditRecord[] }>().items;
    expect(records.map((record) => record.action)).toEqual(['content.deleted', 'content.updated', 'content.created']);
    expect(records.every((record) => record.actorId === admin.user.id)).toBe(true);
    expect(records[1].before).toMatchObject({ lessonId: 13, revision: 1 });
    expect(records[1].after).toMatchObject({ lessonId: null, revision: 2 });
    expect(records[0].after).toBeNull();
    expect(records[2].before).toBeNull();
  });

  it('refuses a stale If-Match with 412 and overwrites nothing', async () => {
    const entry = await create({ title: 'Promo' });
    await asAdmin('PATCH', `/admin/content/${entry.id}`, { title: 'Promo 2' }, { 'if-match': '"r1"' });
    const stale = await asAdmin(
      'PATCH',
      `/admin/content/${entry.id}`,
      { title: 'Lost update' },
      { 'if-match': '"r1"' },
    );
    expect(expectProblem(stale, 412, 'CMS.STALE_REVISION')).toMatchObject({ currentRevision: 2 });
    expect((await asAdmin('GET', `/admin/content/${entry.id}`)).json()).toMatchObject({
      title: 'Promo 2',
      revision: 2,
    });
  });

  it('lists newest first with a stable cursor, filtered by lesson', async () => {
    const made = [];
    for (const title of ['A', 'B', 'C']) made.push(await create({ title, lessonId: 14 }));
    const first = (await asAdmin('GET', '/admin/content?lessonId=14&limit=2')).json<{
      items: ContentEntry[];
      nextCursor: string;
    }>();
    await create({ title: 'D', lessonId: 14 });
    const second = (await asAdmin('GET', `/admin/content?lessonId=14&limit=2&cursor=${first.nextCursor}`)).json<{
      items: ContentEntry[];
      nextCursor: string | null;
    }>();
    expect([...first.items, ...second.items].map((item) => item.title)).toEqual(['C', 'B', 'A']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers bad input with a 400 naming the field, writing nothing', async () => {
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM cms_content`)).rows[0].n;
    const before = await count();
    expect(fields(await asAdmin('POST', '/admin/content', { title: ' ' }))).toEqual(['title']);
    expect(fields(await asAdmin('POST', '/admin/content', { title: 'x', lessonId: 999999 }))).toEqual(['lessonId']);
    expect(fields(await asAdmin('POST', '/admin/content', { title: 'x', lessonId: '13' }))).toEqual(['lessonId']);
    expect(fields(await asAdmin('POST', '/admin/content', { title: 'x', description: 'd'.repeat(10_001) }))).toEqual([
      'description',
    ]);
    expect(fields(await asAdmin('POST', '/admin/content', { title: 'x', extra: 1 }))).toEqual(['extra']);
    expect(fields(await asAdmin('POST', '/admin/content', [1]))).toEqual(['body']);
    expect(fields(await asAdmin('PATCH', '/admin/content/1', {}))).toEqual(['body']);
    expect(fields(await asAdmin('GET', '/admin/content/x'))).toEqual(['id']);
    expect(fields(await asAdmin('GET', '/admin/content?cursor=zzz'))).toEqual(['cursor']);
    expect(fields(await asAdmin('GET', '/admin/audit?actorId=abc'))).toEqual(['actorId']);
    expect(fields(await asAdmin('GET', '/admin/audit?cursor=zzz'))).toEqual(['cursor']);
    expectProblem(await asAdmin('PATCH', '/admin/content/999999', { title: 'x' }), 404, 'CMS.CONTENT_NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('keeps the audit trail when the acting admin is erased, without their identity', async () => {
    const other = await signUpAdmin(api, db);
    const created = await api.inject({
      method: 'POST',
      url: '/admin/content',
      headers: bearer(other.accessToken),
      payload: { title: 'By a departing admin' },
    });
    const id = created.json<ContentEntry>().id;
    await db.query(`DELETE FROM users WHERE user_id = $1`, [other.user.id]);
    const records = (await asAdmin('GET', `/admin/audit?entityType=content&entityId=${id}`)).json<{
      items: AuditRecord[];
    }>().items;
    expect(records).toEqual([expect.objectContaining({ action: 'content.created', actorId: null })]);
  });
});
