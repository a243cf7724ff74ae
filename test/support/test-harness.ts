import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import pg from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment, type Environment } from '@techtrek/platform';
import { MIGRATIONS } from '@techtrek/migrations';
import { createDatabaseFromTemplate, dropDatabase, ensureMigratedTemplate } from '@techtrek/platform/testing';
import { currentTestRun, TEST_REDIS_URL, TEST_SERVER_URL } from './test-run.js';

/**
 * One test's world: its own database copied from the run's migrated template, its own Redis key
 * prefix, and the real apps on top, built from explicit settings (not this process's variables).
 */
export class TestHarness {
  private readonly apps: NestFastifyApplication[] = [];
  private readonly clients: pg.Client[] = [];

  private constructor(
    readonly databaseUrl: string,
    readonly environment: Environment,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<TestHarness> {
    const run = currentTestRun();
    await ensureMigratedTemplate(TEST_SERVER_URL, run.templateDatabase, MIGRATIONS);
    const databaseUrl = await createDatabaseFromTemplate(TEST_SERVER_URL, run.templateDatabase);
    const environment = validateEnvironment({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `${run.redisPrefix}${randomBytes(3).toString('hex')}:`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests sign in far more often than people do; rate-limit tests set their own limits.
      THROTTLE_AUTH_LIMIT: '1000',
      THROTTLE_DEFAULT_LIMIT: '100000',
      ...overrides,
    });
    return new TestHarness(databaseUrl, environment);
  }

  /** The real API app, initialised but not listening: talk to it with `app.inject()`. */
  async startApi(...extraModules: Type[]): Promise<NestFastifyApplication> {
    const { createApiApp } = await import('../../apps/api/src/bootstrap.js');
    return this.track(await createApiApp(this.environment, extraModules));
  }

  async startWorker(...extraModules: Type[]): Promise<NestFastifyApplication> {
    const { createWorkerApp } = await import('../../apps/worker/src/bootstrap.js');
    return this.track(await createWorkerApp(this.environment, extraModules));
  }

  /** A direct connection to this test's database, for arranging and checking rows; closed with the harness. */
  async database(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    for (const app of this.apps.splice(0).reverse()) await app.close();
    for (const client of this.clients.splice(0)) await client.end();
    await dropDatabase(TEST_SERVER_URL, new URL(this.databaseUrl).pathname.slice(1));
  }

  private async track(app: NestFastifyApplication): Promise<NestFastifyApplication> {
    this.apps.push(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
}
