import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProbeModule } from './support/probe.module.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

describe('HTTP contract shared by every route', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    harness = await TestHarness.start({ BODY_LIMIT_BYTES: '2048' });
    api = await harness.startApi(ProbeModule);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const echo = (payload: string, contentType = 'application/json') =>
    api.inject({ method: 'POST', url: '/__probe/echo', headers: { 'content-type': contentType }, payload });

  it('accepts a valid body and returns it', async () => {
    const response = await echo(JSON.stringify({ name: 'Ada', count: 2 }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ name: 'Ada', count: 2 });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.inject({ method: 'GET', url: '/no/such/route' });
    expectProblem(response, 404, 'HTTP.NOT_FOUND');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await echo('{"name": "Ada", ');
    expectProblem(response, 400, 'REQUEST.MALFORMED_BODY');
  });

  it('answers an empty JSON body with a 400 problem', async () => {
    const response = await echo('');
    expect(response.statusCode).toBe(400);
    expectProblem(response, 400);
  });

  it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'])(
    'answers content type %s with a 415 problem',
    async (contentType) => {
      const response = await echo('name=Ada', contentType);
      expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('answers a body over the configured limit with a 413 problem', async () => {
    const response = await echo(JSON.stringify({ name: 'Ada', count: 1, padding: 'x'.repeat(4096) }));
    expectProblem(response, 413, 'REQUEST.BODY_TOO_LARGE');
  });

  it('names every invalid field, including nested ones, in a 400 validation problem', async () => {
    const response = await echo(JSON.stringify({ name: '', count: -1, addresses: [{ city: 'Oslo' }, { city: 'X' }] }));
    const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    const fields = (problem.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'count', 'addresses[1].city']));
    expect(fields).not.toContain('addresses[0].city');
  });

  it('refuses unknown properties instead of silently dropping them', async () => {
    const response = await echo(JSON.stringify({ name: 'Ada', count: 1, isAdmin: true }));
    const problem = expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'isAdmin', message: expect.stringContaining('should not exist') }]);
  });

  it('refuses a body of the wrong JSON type', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const response = await echo(payload);
      expect(response.statusCode).toBe(400);
      expectProblem(response, 400);
    }
  });

  it('answers a non-integer id with a 400 problem', async () => {
    expect((await api.inject({ method: 'GET', url: '/__probe/items/42' })).json()).toEqual({ id: 42 });
    for (const id of ['4x2', '1e3', '0x10', '%2042', '4.0']) {
      expectProblem(await api.inject({ method: 'GET', url: `/__probe/items/${id}` }), 400);
    }
  });

  it('hides the details of unexpected errors behind a 500 problem', async () => {
    const response = await api.inject({ method: 'GET', url: '/__probe/boom' });
    const problem = expectProblem(response, 500, 'INTERNAL.UNEXPECTED');
    expect(response.body).not.toMatch(/10\.0\.0\.7|secret_user|password|at \w+ \(/);
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('echoes a safe incoming X-Request-Id and generates one otherwise', async () => {
    const given = await api.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'mobile-42.abc' } });
    expect(given.headers['x-request-id']).toBe('mobile-42.abc');
    const unsafe = await api.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\nforged' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await api.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  describe('CORS for an allowed browser origin', () => {
    let corsHarness: TestHarness;
    let corsApi: NestFastifyApplication;

    beforeAll(async () => {
      corsHarness = await TestHarness.start({ CORS_ORIGINS: 'https://app.techtrek.example' });
      corsApi = await corsHarness.startApi();
    });

    afterAll(async () => {
      await corsHarness?.close();
    });

    it('lets the browser read the headers clients act on, and refuses other origins', async () => {
      const allowed = await corsApi.inject({
        method: 'GET',
        url: '/topics',
        headers: { origin: 'https://app.techtrek.example' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.techtrek.example');
      const exposed = String(allowed.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/);
      expect(exposed).toEqual(
        expect.arrayContaining(['x-request-id', 'etag', 'retry-after', 'idempotent-replayed', 'location']),
      );
      const other = await corsApi.inject({
        method: 'GET',
        url: '/topics',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
