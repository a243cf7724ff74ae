import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestHarness } from './support/test-harness.js';

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
});
