import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { eventually } from './support/eventually.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';
import { TEST_SERVER_URL } from './support/test-run.js';

describe('operations endpoints (API)', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('answers liveness without touching dependencies', async () => {
    const response = await api.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('reports PostgreSQL and Redis up on readiness', async () => {
    const response = await api.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('exposes Prometheus metrics: HTTP histogram by route template, queue counts, process metrics', async () => {
    await api.inject({ method: 'GET', url: '/health' });
    await api.inject({ method: 'GET', url: '/no/such/route' });
    const response = await api.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*method="GET",route="\/health",status_code="200"/);
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched",status_code="404"/);
    for (const queue of ['reminders', 'hints', 'notifications']) {
      for (const state of ['waiting', 'active', 'failed']) {
        expect(text).toMatch(new RegExp(`bullmq_jobs\\{queue="${queue}",state="${state}"[^}]*\\} 0`));
      }
    }
    expect(text).toMatch(/process_resident_memory_bytes\{process="api"\} \d+/);
  });

  it('serves the OpenAPI document with the bearer scheme, and Swagger UI', async () => {
    const document = (await api.inject({ method: 'GET', url: '/docs-json' })).json<{
      openapi: string;
      info: { title: string };
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, { get?: { summary?: string } }>;
    }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('TechTrek API');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    expect(Object.keys(document.paths)).not.toContain('/metrics');
    // From the swagger plugin's generated metadata (JSDoc → summary): proves it is loaded.
    expect(document.paths['/health']).toMatchObject({ get: { summary: expect.stringMatching(/^Liveness/) } });
    const ui = await api.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
  });
});

describe('readiness when a dependency is down', () => {
  it('stays ready, reporting Redis down, on the API, which serves without it', async () => {
    const harness = await TestHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const api = await harness.startApi();
      const degraded = await api.inject({ method: 'GET', url: '/health/ready' });
      expect(degraded.statusCode).toBe(200);
      expect(degraded.json()).toMatchObject({
        status: 'degraded',
        info: { database: { status: 'up' } },
        error: { redis: { status: 'down' } },
      });

      expect((await api.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await harness.close();
    }
  });

  it('answers 503 naming the database when PostgreSQL loses the database, and recovers', async () => {
    const harness = await TestHarness.start();
    const api = await harness.startApi();
    const name = new URL(harness.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const down = await api.inject({ method: 'GET', url: '/health/ready' });
      const problem = expectProblem(down, 503, 'SERVICE.UNAVAILABLE');
      expect(problem.detail).toBe('Not ready: database unavailable');

      await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      // The pool learns of a terminated idle connection only when it next reads from it, so the
      // first probe after the comeback may still fail; a probe is polled, and it must turn ready
      // without a restart.
      const up = await eventually(
        () => api.inject({ method: 'GET', url: '/health/ready' }),
        (response) => response.statusCode === 200,
        5_000,
      );
      expect(up.statusCode).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await harness.close();
    }
  });
});
