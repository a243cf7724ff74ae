import { describe, expect, it } from '@jest/globals';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../errors/request-errors.js';
import { ShutdownState } from '../lifecycle/shutdown-state.js';
import { HealthController, type ReadinessCheck } from './health.controller.js';
import { HealthModule } from './health.module.js';

/** The controller with real Terminus, PostgreSQL and Redis answering (or failing) as told. */
async function readiness(optional: readonly ReadinessCheck[], down: { database?: boolean; redis?: boolean }) {
  const database = {
    pingCheck: async (key: string) => {
      return { [key]: { status: down.database ? 'down' : 'up' } };
    },
  };
  const redis = { ping: async () => (down.redis ? Promise.reject(new Error('Connection is closed.')) : 'PONG') };
  // What PlatformModule provides globally in the apps.
  @Global()
  @Module({
    providers: [
      { provide: Redis, useValue: redis },
      { provide: ShutdownState, useValue: new ShutdownState() },
    ],
    exports: [Redis, ShutdownState],
  })
  class ProcessDependencies {}
  const module = await Test.createTestingModule({ imports: [ProcessDependencies, HealthModule.forRoot(optional)] })
    .overrideProvider(TypeOrmHealthIndicator)
    .useValue(database)
    .compile();
  return module.get(HealthController).ready();
}

describe('HealthController readiness', () => {
  it('is ok when everything answers', async () => {
    await expect(readiness(['redis'], {})).resolves.toMatchObject({ status: 'ok' });
  });

  it('stays ready, degraded, when only an optional dependency is down', async () => {
    await expect(readiness(['redis'], { redis: true })).resolves.toMatchObject({
      status: 'degraded',
      error: { redis: { status: 'down' } },
    });
  });

  it('is not ready when a required dependency is down, optional ones or not', async () => {
    await expect(readiness([], { redis: true })).rejects.toThrow(
      new ServiceUnavailableError('Not ready: redis unavailable'),
    );
    await expect(readiness(['redis'], { database: true, redis: true })).rejects.toThrow(
      new ServiceUnavailableError('Not ready: database and redis unavailable'),
    );
  });
});
