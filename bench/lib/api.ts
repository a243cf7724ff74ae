import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, OutputTail, runCommand, track, waitForStatus } from './processes.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const API_MAIN = 'dist/apps/api/apps/api/src/main.js';
const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';
const WORKER_CLI = 'dist/apps/worker/apps/worker/src/cli.js';

export interface RunningServer {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  tail: OutputTail;
}

/** The runner measures what ships, so it never builds: a stale or missing build is the user's call. */
export function assertBuilt(): void {
  const missing = [API_MAIN, WORKER_MAIN, WORKER_CLI].filter((file) => !existsSync(path.join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`The built app is missing (${missing.join(', ')}). Run \`npm run build\` first.`);
  }
}

/**
 * Settings for every process the bench starts. Real env is inherited (PATH, REDIS_URL…) but
 * everything that could point at a developer's data, or send events out, is pinned.
 */
export function benchEnvironment(databaseUrl: string): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    // Own key namespace: the bench shares Redis with development and tests.
    REDIS_KEY_PREFIX: 'techtrek-bench:',
    // warn, not info: one log line per request would measure the logger, and fill the disk.
    LOG_LEVEL: 'warn',
    // Empty means unset (the app ignores empty values, and `.env` never overrides a set variable).
    SENTRY_DSN: '',
    // Production requires one (≥ 32 bytes); a fresh one per run: the tokens die with the run.
    AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
    // All the load comes from one address (and a login scenario from one email): the limits stay
    // on, so their Redis round trips are measured, but so high that they never refuse: 1 000 000
    // (the maximum) per second, as a faster API sent more than that per minute. The auth
    // limit's maximum is 1 000 per window, hence a 1 s window (1 000 logins/s per address/email).
    THROTTLE_DEFAULT_LIMIT: '1000000',
    THROTTLE_DEFAULT_TTL_SECONDS: '1',
    THROTTLE_AUTH_LIMIT: '1000',
    THROTTLE_AUTH_TTL_SECONDS: '1',
    // Hints a learner may get a day, a cached one too: the most the API accepts, as one learner
    // sends every request (the `hint` rounds need more still: their setup adds headroom).
    HINT_DAILY_QUOTA: '100000',
  };
}

/** db:create, migrate, seed: all idempotent, so a reused bench database is simply brought up to date. */
export async function prepareDatabase(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  for (const command of ['db:create', 'migrate', 'seed']) {
    const output = await runCommand(process.execPath, [WORKER_CLI, command], { cwd: REPO_ROOT, env });
    log(`${command}: ${output.trim().split('\n').join(' | ') || 'done'}`);
  }
}

/** Starts the built API with plain `node` (no TypeScript loader), so its RSS is the production RSS. */
export function startApi(env: Record<string, string>): Promise<RunningServer> {
  return startBuilt('api', API_MAIN, 'PORT', env);
}

/**
 * Starts the built worker app like the API (its health and metrics on a free WORKER_PORT). It runs
 * every job handler and scheduler it ships with; a scenario turns off what it does not measure
 * (e.g. `REMINDER_TICK_ENABLED=false`) through `env`.
 */
export function startWorker(env: Record<string, string>): Promise<RunningServer> {
  return startBuilt('worker', WORKER_MAIN, 'WORKER_PORT', env);
}

async function startBuilt(
  name: string,
  main: string,
  portVariable: string,
  env: Record<string, string>,
): Promise<RunningServer> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { ...env, HOST: '127.0.0.1', [portVariable]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const tail = new OutputTail();
  tail.attach(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(`${baseUrl}/health/ready`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`The ${name} did not become ready: ${(error as Error).message}\n  Its last output:\n${tail}`);
  }
  return { name, baseUrl, process: child, tail };
}
