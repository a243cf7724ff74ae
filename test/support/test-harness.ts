import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { expect } from '@jest/globals';
import type { Type } from '@nestjs/common';
import pg from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { validateEnvironment, type Environment } from '@techtrek/platform';
import { MIGRATIONS } from '@techtrek/migrations';
import { createDatabaseFromTemplate, dropDatabase, ensureMigratedTemplate } from '@techtrek/platform/testing';
import { BYPASS_REASONS, type BypassReason } from './contract-bypass.js';
import { breachesOf, ContractProxy, type ContractViolation } from './contract-proxy.js';
import { currentTestRun, TEST_REDIS_URL, TEST_SERVER_URL } from './test-run.js';

let contractProxyForced = false;

/**
 * Every API this test file starts answers `inject()` over HTTP through Prism, which validates each
 * exchange against the live OpenAPI document; `close()` fails on any breach. Also on for every file
 * with TECHTREK_CONTRACT_PROXY=1 (`npm run test:contract`).
 */
export function routeThroughContractProxy(): void {
  contractProxyForced = true;
}

const contractProxyOn = (): boolean => contractProxyForced || process.env.TECHTREK_CONTRACT_PROXY === '1';

/**
 * One test's world: its own database copied from the run's migrated template, its own Redis key
 * prefix, and the real apps on top, built from explicit settings (not this process's variables).
 */
export class TestHarness {
  private readonly apps: NestFastifyApplication[] = [];
  private readonly clients: pg.Client[] = [];
  private readonly proxies: ContractProxy[] = [];

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

  /**
   * The real API app, initialised but not listening: talk to it with `app.inject()`. With the
   * contract proxy on, it listens on loopback and `inject()` goes over HTTP through Prism.
   */
  async startApi(...extraModules: Type[]): Promise<NestFastifyApplication> {
    const { createApiApp } = await import('../../apps/api/src/bootstrap.js');
    const app = await this.track(await createApiApp(this.environment, extraModules));
    if (contractProxyOn()) {
      const proxy = await this.startContractProxy(app);
      if (proxy) return throughProxy(app, proxy);
    }
    return app;
  }

  /**
   * Makes the app listen on a free loopback port and returns the base URL and the `fetch` for HTTP
   * clients: with `throughContractProxy`, Prism's, which checks each exchange against the live document.
   */
  async serve(
    app: NestFastifyApplication,
    options: { throughContractProxy?: boolean } = {},
  ): Promise<{ baseUrl: string; fetch: typeof globalThis.fetch }> {
    const proxy =
      this.proxies.find((known) => known.upstreamApp === app || proxiedApps.get(app) === known) ??
      (options.throughContractProxy ? await this.startContractProxy(app) : undefined);
    if (proxy) return { baseUrl: proxy.url, fetch: proxy.fetch };
    await app.listen(0, '127.0.0.1');
    return { baseUrl: await app.getUrl(), fetch: globalThis.fetch };
  }

  /** How many exchanges went through this harness's contract proxies. */
  contractExchanges(): number {
    return this.proxies.reduce((sum, proxy) => sum + proxy.exchanges.count, 0);
  }

  /** Every exchange through this harness's contract proxies that broke the document. */
  contractBreaches(): ContractViolation[] {
    return this.proxies.flatMap((proxy) => breachesOf(proxy.violations));
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
    const proxies = this.proxies.splice(0);
    for (const proxy of proxies) await proxy.close();
    for (const app of this.apps.splice(0).reverse()) await app.close();
    for (const client of this.clients.splice(0)) await client.end();
    await dropDatabase(TEST_SERVER_URL, new URL(this.databaseUrl).pathname.slice(1));
    if (proxies.length > 0) reportContract(proxies);
  }

  private async startContractProxy(app: NestFastifyApplication): Promise<ContractProxy | undefined> {
    const docs = await app.inject({ method: 'GET', url: '/docs-json' });
    // Without the document (SWAGGER_ENABLED=false) there is nothing to validate against.
    if (docs.statusCode !== 200) return undefined;
    await app.listen(0, '127.0.0.1');
    const proxy = await ContractProxy.start(await app.getUrl(), docs.json<object>(), app);
    this.proxies.push(proxy);
    return proxy;
  }

  private async track(app: NestFastifyApplication): Promise<NestFastifyApplication> {
    this.apps.push(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
}

const proxiedApps = new WeakMap<NestFastifyApplication, ContractProxy>();

/**
 * The app as tests see it, with `inject()` sent over HTTP through Prism (Nest's app object is a
 * frozen proxy). It already listens on a loopback port for Prism, so a test's own `listen()` on any
 * loopback port keeps that one and talks to the app directly, as it would without the proxy.
 */
function throughProxy(app: NestFastifyApplication, proxy: ContractProxy): NestFastifyApplication {
  const inject = (options: InjectOptions): ReturnType<ContractProxy['inject']> => proxy.inject(options);
  const listen = async (...args: unknown[]): Promise<unknown> => {
    const [first, host] = args as [number | { port?: number; host?: string } | undefined, unknown];
    const wanted = typeof first === 'object' ? first : { port: first, host };
    const anyLoopbackPort = !wanted.port && (wanted.host ?? '127.0.0.1') === '127.0.0.1';
    if (anyLoopbackPort) return app.getHttpServer() as unknown;
    return (app.listen as (...listenArgs: unknown[]) => Promise<unknown>)(...args);
  };
  const wrapped = new Proxy(app, {
    get(target, property) {
      if (property === 'inject') return inject;
      if (property === 'listen') return listen;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  proxiedApps.set(wrapped, proxy);
  return wrapped;
}

/**
 * Fails the file on any breach; TECHTREK_CONTRACT_REPORT names a file that collects the figures
 * (global-teardown.ts sums them up): exchanges validated, and those sent straight to the app, by reason.
 */
function reportContract(proxies: ContractProxy[]): void {
  const violations = proxies.flatMap((proxy) => proxy.violations);
  const breaches = breachesOf(violations);
  const errors = proxies.flatMap((proxy) => proxy.errors());
  const report = process.env.TECHTREK_CONTRACT_REPORT;
  if (report) {
    const validated = proxies.reduce((sum, proxy) => sum + proxy.exchanges.count, 0);
    const bypassed: Record<string, number> = {};
    for (const [reason, count] of proxies.flatMap((proxy) => [...proxy.bypassed])) {
      bypassed[reason] = (bypassed[reason] ?? 0) + count;
    }
    const file = relative(process.cwd(), expect.getState().testPath ?? 'unknown');
    const reasons = Object.fromEntries(Object.keys(bypassed).map((key) => [key, BYPASS_REASONS[key as BypassReason]]));
    const prism = { processes: proxies.length, startMs: proxies.reduce((sum, proxy) => sum + proxy.startedInMs, 0) };
    const line = { file, validated, bypassed, reasons, prism, violations: violations.length, breaches, errors };
    appendFileSync(report, `${JSON.stringify(line)}\n`);
  }
  if (breaches.length > 0 || errors.length > 0) {
    const lines = [...breaches.map((b) => `${b.request} -> ${b.status}: ${b.location} ${b.message}`), ...errors];
    throw new Error(`The API broke its OpenAPI document (Prism):\n${lines.join('\n')}`);
  }
}
