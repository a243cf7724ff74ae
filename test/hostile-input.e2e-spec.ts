import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, bearer, newLearner, signUp, type SignedIn } from './support/auth-client.js';
import { POLLUTION_MARKERS, SQL_METACHARACTERS, UNICODE_EDGES, UNSAFE_TEXT } from './support/hostile-values.js';
import {
  operationsOf,
  requestArbitrary,
  type FuzzRequest,
  type FuzzWorld,
  type OpenApiDocument,
  type Operation,
} from './support/openapi-arbitraries.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

/** Deterministic unless FUZZ_SEED is set; FUZZ_RUNS turns the volume up (runs per operation). */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/** What no response may contain, whatever was sent. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat [\w.<>$]+ \(|\bat (?:file:\/\/|\/)\S+:\d+:\d+/],
  ['a source path', /\/work\/|node_modules|\.ts:\d+|(?:apps|libs)\/\w+\/src\//],
  [
    'SQL or a driver error',
    /QueryFailedError|syntax error at or near|violates \w+(?: key)? constraint|duplicate key value|invalid input syntax for|out of range for type|relation "\w+" does not exist|\bSELECT\b[^"]{0,200}\bFROM\s+"?(?:users|lessons|refresh_tokens|sessions|attempts)\b/i,
  ],
  ['a secret or a hash', /password_?hash|\$argon2|\$2[aby]\$\d\d\$|token_hash|AUTH_JWT_SECRET/i],
  ['an internal error name', /\b(?:TypeError|ReferenceError|RangeError|EntityMetadataNotFound|ECONNREFUSED)\b/],
];

type Role = 'anonymous' | 'learner' | 'admin';
const ROLES: Role[] = ['anonymous', 'learner', 'admin'];

/** What is wrong with a response, if anything. */
function verdict(response: LightMyRequestResponse): string | undefined {
  const text = `${JSON.stringify(response.headers)}\n${response.body}`;
  const leak = LEAKS.find(([, pattern]) => pattern.test(text));
  if (leak) return `leaks ${leak[0]}: ${leak[1].exec(text)?.[0]}`;
  if (response.statusCode >= 500) return `${response.statusCode}`;
  if (response.statusCode < 400) return undefined;
  if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) {
    return `${response.statusCode} as ${response.headers['content-type']}`;
  }
  const problem = response.json<Record<string, unknown>>();
  const wellFormed =
    typeof problem.type === 'string' &&
    typeof problem.title === 'string' &&
    typeof problem.detail === 'string' &&
    typeof problem.code === 'string' &&
    problem.status === response.statusCode;
  return wellFormed ? undefined : `${response.statusCode} with a malformed problem`;
}

const excerpt = (text: string | undefined, length = 240) =>
  text === undefined ? undefined : text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

describe('hostile input against every operation of the OpenAPI document', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let document: OpenApiDocument;
  let world: FuzzWorld;
  let mediaDir: string;
  const accounts: Partial<Record<Role, { session: SignedIn; password: string }>> = {};
  const prototypeKeys = () =>
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
      Object.getOwnPropertyNames(proto).sort(),
    );
  const keysBefore = prototypeKeys();

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'techtrek-fuzz-'));
    harness = await TestHarness.start({
      // No worker runs here: a hint request answers 202 at once instead of waiting for one.
      HINT_WAIT_MS: '0',
      HINT_DAILY_QUOTA: '100000',
      MEDIA_LOCAL_DIR: join(mediaDir, 'media'),
      MAIL_OUTBOX_DIR: join(mediaDir, 'mail'),
    });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    db = await harness.database();
    await signIn('learner');
    await signIn('admin');
    const other = await signUp(api);
    document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<OpenApiDocument>();
    const { rows: lessons } = await db.query<{ id: number; topic: string }>(
      `SELECT lesson_id AS id, topic FROM lessons ORDER BY lesson_id LIMIT 4`,
    );
    world = {
      ids: [
        1,
        2,
        accounts.learner!.session.user.id,
        accounts.admin!.session.user.id,
        other.user.id,
        ...lessons.map((l) => l.id),
      ],
      strings: {
        topic: [...new Set(lessons.map((lesson) => lesson.topic))],
        token: ['ExponentPushToken[fuzz-device-0000000000]'],
        key: ['missing.png'],
      },
    };
  });

  afterAll(async () => {
    await harness?.close();
    if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
  });

  /** A fresh account for the role; an admin is promoted in the database, then signs in again. */
  async function signIn(role: Exclude<Role, 'anonymous'>): Promise<void> {
    const body = newLearner();
    const account = await signUp(api, body);
    if (role === 'admin') await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [account.user.id]);
    const login = await api.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(login.statusCode).toBe(200);
    accounts[role] = { session: login.json<SignedIn>(), password: String(body.password) };
  }

  /** A fuzzed write may end a session (logout, a role change): sign in afresh when it did. */
  async function keepSignedIn(role: Exclude<Role, 'anonymous'>): Promise<void> {
    const me = await api.inject({ method: 'GET', url: '/me', headers: bearer(accounts[role]!.session.accessToken) });
    if (me.statusCode === 200 && me.json<{ role: string }>().role === role) return;
    await signIn(role);
  }

  // Each fuzzed request comes from an address of its own, as from many clients: the sign-in limit
  // counts per address, and the fuzzer's thousands of logins must not lock out its own sign-ins.
  let requestCount = 0;
  const nextAddress = () => {
    requestCount += 1;
    return `10.${(requestCount >> 16) & 255}.${(requestCount >> 8) & 255}.${requestCount & 255}`;
  };
  const send = (request: FuzzRequest, role: Role) =>
    api.inject({
      method: request.method as 'GET',
      url: request.url,
      remoteAddress: nextAddress(),
      headers:
        role === 'anonymous' ? request.headers : { ...request.headers, ...bearer(accounts[role]!.session.accessToken) },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });

  it(
    'answers every fuzzed request below 500, every 4xx as a problem document, and leaks nothing',
    async () => {
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(50);
      const failures: string[] = [];
      for (const operation of operations) {
        const failure = await fuzz(operation);
        if (failure) failures.push(failure);
      }
      if (process.env.FUZZ_STATS) process.stdout.write(`${statusReport()}\n`);
      expect(failures).toEqual([]);
    },
    30 * 60_000,
  );

  /** Status codes seen per operation and role (FUZZ_STATS=1): shows what the fuzzer got past. */
  const statuses = new Map<string, Map<string, number>>();
  const count = (name: string, role: Role, status: number) => {
    const seen = statuses.get(name) ?? statuses.set(name, new Map()).get(name)!;
    const key = `${{ anonymous: '-', learner: 'l', admin: 'a' }[role]}${status}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  };
  const statusReport = () =>
    [...statuses].map(([name, seen]) => `${name}: ${[...seen].map(([key, n]) => `${key}×${n}`).join(' ')}`).join('\n');

  async function fuzz(operation: Operation): Promise<string | undefined> {
    const name = `${operation.method} ${operation.path}`;
    const requests = requestArbitrary(document, operation, world);
    let wrote = false;
    const property = fc.asyncProperty(requests, async (request) => {
      for (const role of ROLES) {
        const response = await send(request, role);
        count(name, role, response.statusCode);
        if (request.method !== 'GET' && response.statusCode < 300) wrote = true;
        const wrong = verdict(response);
        if (wrong) throw new Error(`${wrong} for ${role}: ${excerpt(response.body)}`);
      }
    });
    property.afterEach(async () => {
      if (!wrote) return;
      wrote = false;
      await keepSignedIn('learner');
      await keepSignedIn('admin');
    });
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 60_000 });
    if (!details.failed) return undefined;
    const [request] = details.counterexample ?? [];
    return [
      `${name} (FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}):`,
      `  ${(details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance)}`,
      `  request: ${excerpt(JSON.stringify(request), 600)}`,
    ].join('\n');
  }

  it('leaves every built-in prototype as it was, and the API answering normally', async () => {
    expect(prototypeKeys()).toEqual(keysBefore);
    for (const marker of [...POLLUTION_MARKERS, 'role'])
      expect(({} as Record<string, unknown>)[marker]).toBeUndefined();
    await keepSignedIn('learner');
    expect((await api.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await api.inject({ method: 'GET', url: '/lessons' })).statusCode).toBe(200);
    const me = await api.inject({ method: 'GET', url: '/me', headers: bearer(accounts.learner!.session.accessToken) });
    expect(me.json()).toMatchObject({ role: 'learner' });
  });

  describe('injection strings are data: stored and read back verbatim', () => {
    const freeText = fc.oneof(
      fc.constantFrom(...SQL_METACHARACTERS, ...UNICODE_EDGES),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    );

    it('as a username (PATCH /me, then GET /me)', async () => {
      const usernames = freeText
        .map((text) => text.slice(0, 30))
        .filter((text) => text.trim() === text && [...text].length >= 3 && text.length <= 30);
      await fc.assert(
        fc.asyncProperty(usernames, async (username) => {
          const as = asUser(api, accounts.learner!.session.accessToken);
          const updated = await as('PATCH', '/me', { username });
          expect({ username, status: updated.statusCode }).toEqual({ username, status: 200 });
          expect((await as('GET', '/me')).json()).toMatchObject({ username });
        }),
        { seed: SEED, numRuns: 25 },
      );
      const { rows } = await db.query(`SELECT count(*)::int AS users FROM users`);
      expect(rows[0].users).toBeGreaterThanOrEqual(3);
    });

    it('as a feedback comment (POST /feedback, then GET /admin/feedback)', async () => {
      const lessonId = (await db.query(`SELECT lesson_id FROM lessons WHERE status = 'published' LIMIT 1`)).rows[0]
        .lesson_id;
      const comments = freeText.filter((text) => text.trim() === text && text.length > 0);
      await fc.assert(
        fc.asyncProperty(comments, async (comment) => {
          const sent = await asUser(api, accounts.learner!.session.accessToken)('POST', '/feedback', {
            lessonId,
            rating: 3,
            comment,
          });
          expect({ comment, status: sent.statusCode }).toEqual({ comment, status: 201 });
          const { id } = sent.json<{ id: number }>();
          const page = await asUser(api, accounts.admin!.session.accessToken)(
            'GET',
            `/admin/feedback?lessonId=${lessonId}&limit=100`,
          );
          expect(page.json<{ items: { id: number; comment: string }[] }>().items).toContainEqual(
            expect.objectContaining({ id, comment }),
          );
        }),
        { seed: SEED, numRuns: 25 },
      );
    });
  });

  describe('an explicit null where a field may only be left out', () => {
    // The fuzzer before may have deleted any lesson it was given: take one that is still there.
    let existingLessonId: number;
    const lessonId = () => existingLessonId;
    // Each operation whose fields may be left out, and one of its requests with `field` sent as null.
    const operations = [
      { name: 'PATCH /me', fields: ['username', 'timezone'], url: () => '/me', withLesson: false },
      {
        name: 'PATCH /admin/lessons/:id',
        fields: ['title', 'summary', 'difficulty', 'media', 'exercises'],
        url: () => `/admin/lessons/${lessonId()}`,
        withLesson: false,
      },
      {
        name: 'PATCH /admin/content/:id',
        fields: ['title', 'description'],
        url: () => `/admin/content/${contentId}`,
        withLesson: false,
      },
      {
        name: 'POST /ai/hint',
        fields: ['exerciseId', 'question', 'userAnswer', 'level'],
        url: () => '/ai/hint',
        withLesson: true,
      },
    ];
    const cases = operations.flatMap(({ fields, ...operation }) => fields.map((field) => ({ ...operation, field })));
    let contentId: number;

    beforeAll(async () => {
      const { rows } = await db.query<{ id: number }>('SELECT lesson_id AS id FROM lessons ORDER BY lesson_id LIMIT 1');
      existingLessonId = rows[0]!.id;
      const created = await asUser(api, accounts.admin!.session.accessToken)('POST', '/admin/content', {
        title: 'Null',
      });
      expect(created.statusCode).toBe(201);
      contentId = created.json<{ id: number }>().id;
    });

    it.each(cases)(
      '$name refuses {"$field": null} with a 400 naming the field',
      async ({ name, field, url, withLesson }) => {
        const [method, route] = name.split(' ') as [string, string];
        const token = accounts[route.startsWith('/admin') ? 'admin' : 'learner']!.session.accessToken;
        const body = { ...(withLesson ? { lessonId: lessonId() } : {}), [field]: null };
        const response = await asUser(api, token)(method, url(), body);
        const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
        expect(problem.errors).toContainEqual(expect.objectContaining({ field }));
      },
    );

    it('still takes lessonId: null as "detach from its lesson" on a content entry', async () => {
      const as = asUser(api, accounts.admin!.session.accessToken);
      const attached = await as('PATCH', `/admin/content/${contentId}`, { lessonId: lessonId() });
      expect(attached.json()).toMatchObject({ lessonId: lessonId() });
      const detached = await as('PATCH', `/admin/content/${contentId}`, { lessonId: null });
      expect(detached.statusCode).toBe(200);
      expect(detached.json<{ lessonId: number | null }>().lessonId).toBeNull();
    });
  });

  describe('text no column can hold, and nesting no walk survives', () => {
    it.each(UNSAFE_TEXT.map((text) => [JSON.stringify(text), text]))(
      'refuses %s in a stored field, a path parameter and a query with a 400 naming it',
      async (_label, text) => {
        const as = asUser(api, accounts.learner!.session.accessToken);
        const problem = expectProblem(
          await as('PATCH', '/me', { username: `abc${text}` }),
          400,
          'REQUEST.VALIDATION_FAILED',
        );
        expect(problem.errors).toEqual([{ field: 'username', message: expect.stringContaining('NUL') }]);
        // Lone surrogates cannot be percent-encoded: only NUL reaches a path or a query.
        if (!text.includes('\u0000')) return;
        expectProblem(await as('DELETE', '/notifications/devices/abc%00'), 400, 'REQUEST.VALIDATION_FAILED');
        expectProblem(
          await asUser(api, accounts.admin!.session.accessToken)('GET', '/admin/audit?entityId=%00'),
          400,
          'REQUEST.VALIDATION_FAILED',
        );
        expectProblem(
          await api.inject({ method: 'GET', url: '/lessons?topic=a%00b' }),
          400,
          'REQUEST.VALIDATION_FAILED',
        );
      },
    );

    it.each([
      ['arrays', (depth: number) => `{"username": ${'['.repeat(depth)}${']'.repeat(depth)}}`],
      ['objects', (depth: number) => `{"username": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`],
    ])('refuses a body nested thousands of levels deep in %s with a 400', async (_label, body) => {
      const response = await api.inject({
        method: 'PATCH',
        url: '/me',
        headers: { ...bearer(accounts.learner!.session.accessToken), 'content-type': 'application/json' },
        payload: body(100_000),
      });
      const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(problem.detail).toMatch(/^username.*nested more than \d+ levels deep$/);
    });
  });
});
