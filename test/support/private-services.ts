import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { validateEnvironment, type Environment } from '@techtrek/platform';
import { MIGRATIONS } from '@techtrek/migrations';
import { databaseUrlFor, migrate } from '@techtrek/platform/testing';

/**
 * Servers of one fault test's own, on free loopback ports: the shared PostgreSQL and Redis serve
 * every other test file, so a test that stops or restarts a server must own it.
 */

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const STARTUP_TIMEOUT_MS = 30_000;

/** A port nobody listens on, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** An empty, non-persistent redis-server: `stop()` is a crash (SIGKILL), `start()` comes back empty. */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await until(`redis-server on ${this.port}`, () => this.answers());
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** PING on a fresh connection: true once the server answers. */
  async answers(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  }
}

/**
 * A throwaway PostgreSQL 15 cluster (Debian's binaries, run as the `postgres` OS user: initdb
 * refuses root), tuned for tests: no fsync, no Unix socket. `restart()` is `pg_ctl restart -m fast`,
 * which cuts every open connection and the queries on them.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'techtrek-fault-pg-'));
    const postgres = new PrivatePostgres(await freePort(), dataDir);
    await chown(dataDir, ...(await postgresOsUser()));
    await postgres.asPostgres(`${PG_BIN}/initdb`, ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    const settings = [
      `port = ${postgres.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = ''`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 60',
    ];
    await appendFile(path.join(dataDir, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
    await postgres.pgCtl('start');
    return postgres;
  }

  get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A new database on this cluster with every migration applied. */
  async createMigratedDatabase(): Promise<string> {
    const name = `techtrek_test_fault_${randomBytes(3).toString('hex')}`;
    const client = new pg.Client({ connectionString: this.serverUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`).finally(() => client.end());
    const url = databaseUrlFor(this.serverUrl, name);
    await migrate(url, MIGRATIONS);
    return url;
  }

  /** Fast restart: open connections are terminated, in-flight transactions roll back. */
  restart(): Promise<void> {
    return this.pgCtl('restart', ['-m', 'fast']);
  }

  async close(): Promise<void> {
    await this.pgCtl('stop', ['-m', 'immediate']).catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private pgCtl(action: string, extra: string[] = []): Promise<void> {
    const log = path.join(this.dataDir, 'server.log');
    return this.asPostgres(`${PG_BIN}/pg_ctl`, [action, '-D', this.dataDir, '-l', log, '-w', '-t', '30', ...extra]);
  }

  private async asPostgres(command: string, args: string[]): Promise<void> {
    const asRoot = process.getuid?.() === 0;
    await run(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      cwd: tmpdir(),
    });
  }
}

async function postgresOsUser(): Promise<[number, number]> {
  if (process.getuid?.() !== 0) return [process.getuid?.() ?? 0, process.getgid?.() ?? 0];
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
}

/**
 * The settings the test harness would build, pointed at given servers: for apps (in-process or
 * child processes) that must talk to a private PostgreSQL or Redis.
 */
export function faultEnvironment(
  servers: { databaseUrl: string; redisUrl: string },
  overrides: Record<string, string> = {},
): Environment {
  return validateEnvironment(faultVariables(servers, overrides));
}

/** The same settings as plain variables, for a child process's environment. */
export function faultVariables(
  servers: { databaseUrl: string; redisUrl: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: servers.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: servers.redisUrl,
    REDIS_KEY_PREFIX: `techtrek-fault-${randomBytes(3).toString('hex')}:`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    THROTTLE_AUTH_LIMIT: '1000',
    THROTTLE_DEFAULT_LIMIT: '100000',
    ...overrides,
  };
}
