// `npm start`: from a fresh clone to a running API and worker in one command. Installs, builds,
// finds (or starts) PostgreSQL and Redis, migrates and seeds, runs both apps until Ctrl-C, then
// stops everything it started. Flags: --no-install, --no-build. Env: TECHTREK_UP_PG_PORT and
// TECHTREK_UP_REDIS_PORT change the ports probed and used for the fallbacks (5432, 6379).
// Only node: built-ins are imported statically: this runs before `npm ci` may have run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { run, startService, stopService, waitFor } from './lib/processes.mjs';
import { answers200, freePort, pgAnswers, portTaken, redisAnswers } from './lib/probes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = { api: 'dist/apps/api/apps/api/src/main.js', worker: 'dist/apps/worker/apps/worker/src/main.js' };
const CLI = 'dist/apps/worker/apps/worker/src/cli.js';
const DEV_ADMIN = { ADMIN_EMAIL: 'admin@techtrek.local', ADMIN_PASSWORD: 'techtrek-dev-admin-2024' };
const START_THEM = [
  'Start them, then run `npm start` again:',
  '  docker compose up -d postgres redis',
  '    (docker-compose.yml needs POSTGRES_PASSWORD, ADMIN_PASSWORD and AUTH_JWT_SECRET: put them in .env, which npm start reads too)',
  '  or install them locally: PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379',
  '  or point at running ones: DATABASE_URL=postgres://... REDIS_URL=redis://... npm start',
].join('\n');
const UNSET_HINT = 'Start that server, or unset the variable (also in .env) to let npm start find or start one.';

const flags = new Set(process.argv.slice(2));
const say = (line) => console.log(`[up] ${line}`);
const apps = []; // API and worker: stopped first, so they drain into live databases
const stores = []; // private PostgreSQL / Redis: stopped last
let stopping = false;

process.chdir(ROOT);
// What the apps will see: they read .env too, and the real environment wins over it.
const config = { ...readDotEnv(), ...process.env };
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
main().catch((error) => {
  if (stopping) return; // a consequence of the shutdown already under way
  console.error(`[up] ${error.message}`);
  void shutdown(1);
});

async function main() {
  const unknown = [...flags].filter((flag) => !['--no-install', '--no-build'].includes(flag));
  if (unknown.length) throw new Error(`Unknown option ${unknown.join(' ')} (known: --no-install, --no-build)`);
  // --include=dev even under NODE_ENV=production: the build and the embedded PostgreSQL need them.
  if (!flags.has('--no-install') && needsInstall()) await step('npm ci', () => run('npm', ['ci', '--include=dev']));
  if (!flags.has('--no-build')) await step('npm run build', () => run('npm', ['run', 'build']));
  if (!existsSync(DIST.api) || !existsSync(DIST.worker)) throw new Error('No build in dist/: run without --no-build');
  const env = { ...process.env, ...devAdmin() };
  env.DATABASE_URL = await resolvePostgres();
  env.REDIS_URL = await resolveRedis();
  for (const command of ['db:create', 'migrate', 'seed']) {
    await step(`cli ${command}`, () => run(process.execPath, [CLI, command], { env }));
  }
  const urls = appUrls();
  for (const name of ['api', 'worker']) supervise(service(apps, name, process.execPath, [DIST[name]], { env }));
  for (const name of ['api', 'worker']) {
    const ready = `${urls[name]}/health/ready`;
    await waitFor(`${name} ${ready}`, () => answers200(ready), { giveUp: () => stopping });
  }
  printSummary(urls, env);
}

/** npm ci when node_modules is missing or older than the lockfile (npm writes node_modules/.package-lock.json). */
function needsInstall() {
  const installed = 'node_modules/.package-lock.json';
  return !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
}

async function step(title, work) {
  say(`${title} …`);
  await work();
}

function readDotEnv() {
  return existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
}

/** In development the seed gets a known admin login unless one is configured; never in production. */
function devAdmin() {
  if ((config.NODE_ENV ?? 'development') !== 'development') return {};
  if (config.ADMIN_EMAIL || config.ADMIN_PASSWORD) return {};
  return DEV_ADMIN;
}

async function resolvePostgres() {
  if (config.DATABASE_URL) {
    const check = await pgAnswers(config.DATABASE_URL);
    if (!check.ok)
      throw new Error(`DATABASE_URL (${redact(config.DATABASE_URL)}) does not answer: ${check.reason}.\n${UNSET_HINT}`);
    return config.DATABASE_URL;
  }
  const port = Number(config.TECHTREK_UP_PG_PORT ?? 5432);
  // A password only matters for a server that asks for one, e.g. the compose one (POSTGRES_PASSWORD).
  const auth = config.POSTGRES_PASSWORD ? `postgres:${encodeURIComponent(config.POSTGRES_PASSWORD)}` : 'postgres';
  const found = `postgres://${auth}@127.0.0.1:${port}/techtrek`;
  const probe = await pgAnswers(found);
  if (probe.ok) return (say(`PostgreSQL answers on 127.0.0.1:${port}`), found);
  const embeddedPort = await fallbackPort(port, 'PostgreSQL (user postgres)', probe.reason, 'DATABASE_URL');
  say(`Starting an embedded PostgreSQL on 127.0.0.1:${embeddedPort} (data in .data/postgres)`);
  try {
    await startEmbeddedPostgres(embeddedPort);
  } catch (error) {
    throw new Error(
      `No PostgreSQL on 127.0.0.1:${port} and the embedded one failed (${error.message}).\n${START_THEM}`,
    );
  }
  return `postgres://postgres@127.0.0.1:${embeddedPort}/techtrek`;
}

async function startEmbeddedPostgres(port) {
  mkdirSync('.data', { recursive: true });
  const script = 'scripts/lib/embedded-postgres.mjs';
  const helper = service(stores, 'postgres', process.execPath, [script, '.data/postgres', String(port)], { ipc: true });
  const ready = new Promise((resolve) => helper.once('message', resolve));
  const late = delay(120_000, 'late', { ref: false }); // initdb plus startup take seconds, not minutes
  const outcome = await Promise.race([ready, late, helper.exited.then(() => 'exited')]);
  if (outcome === 'late') throw new Error('not ready after 120 s');
  if (outcome !== 'ready') throw new Error('see the [postgres] lines above');
  supervise(helper);
}

/** The port to start a private server on: the probed one if free, else any free one. */
async function fallbackPort(port, what, reason, variable) {
  if (!(await portTaken(port))) return (say(`Nothing listens on 127.0.0.1:${port}`), port);
  say(`127.0.0.1:${port} is in use but did not answer as ${what}: ${reason}. To use it anyway, set ${variable}.`);
  return freePort();
}

async function resolveRedis() {
  if (config.REDIS_URL) {
    const check = await redisAnswers(config.REDIS_URL);
    if (!check.ok)
      throw new Error(`REDIS_URL (${redact(config.REDIS_URL)}) does not answer: ${check.reason}.\n${UNSET_HINT}`);
    return config.REDIS_URL;
  }
  const port = Number(config.TECHTREK_UP_REDIS_PORT ?? 6379);
  const probe = await redisAnswers(`redis://127.0.0.1:${port}`);
  if (probe.ok) return (say(`Redis answers on 127.0.0.1:${port}`), `redis://127.0.0.1:${port}`);
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(`Redis is not running on 127.0.0.1:${port} and redis-server is not installed.\n${START_THEM}`);
  }
  const privatePort = await fallbackPort(port, 'Redis', probe.reason, 'REDIS_URL');
  say(`Starting a private redis-server on 127.0.0.1:${privatePort} (in memory only)`);
  mkdirSync('.data/redis', { recursive: true });
  const args = [
    '--port',
    String(privatePort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    '.data/redis',
  ];
  const redis = service(stores, 'redis', 'redis-server', args);
  const url = `redis://127.0.0.1:${privatePort}`;
  await waitFor('private redis-server', async () => (await redisAnswers(url)).ok, {
    timeoutMs: 10_000,
    giveUp: () => stopping || redis.exitCode !== null,
  });
  supervise(redis);
  return url;
}

/** Starts a long-running child and lists it (apps or stores) so that shutdown stops it. */
function service(list, name, command, args, options) {
  if (stopping) throw new Error('stopping');
  const child = startService(name, command, args, { cwd: ROOT, ...options });
  list.push(child);
  return child;
}

/** From now on the child must live as long as the system: if it dies on its own, everything stops. */
function supervise(child) {
  void child.exited.then(({ code, signal, error }) => {
    if (stopping) return;
    const how = error?.message ?? signal ?? `exit code ${code}`;
    console.error(`[up] ${child.serviceName} exited unexpectedly (${how}): stopping`);
    void shutdown(1);
  });
}

function appUrls() {
  // The apps listen on HOST (all interfaces by default); 127.0.0.1 avoids localhost resolving to ::1.
  const host = ['0.0.0.0', '::', undefined, ''].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return { api: `http://${host}:${config.PORT ?? 3000}`, worker: `http://${host}:${config.WORKER_PORT ?? 3001}` };
}

function printSummary(urls, env) {
  const email = env.ADMIN_EMAIL ?? config.ADMIN_EMAIL;
  const password = config.ADMIN_PASSWORD ? '(the ADMIN_PASSWORD you set)' : env.ADMIN_PASSWORD;
  const admin = email ? `${email} / ${password}` : 'none (set ADMIN_EMAIL and ADMIN_PASSWORD)';
  console.log(
    [
      '',
      '  TechTrek is up.',
      `  API            ${urls.api}`,
      `  API docs       ${urls.api}/docs`,
      `  API metrics    ${urls.api}/metrics`,
      `  Worker health  ${urls.worker}/health/ready  (metrics: ${urls.worker}/metrics)`,
      `  Admin login    ${admin}`,
      `  PostgreSQL     ${redact(env.DATABASE_URL)}`,
      `  Redis          ${redact(env.REDIS_URL)}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function onSignal(signal) {
  if (!stopping) return void shutdown(0, signal);
  say('Second signal: killing everything now');
  for (const child of [...apps, ...stores]) child.kill('SIGKILL');
  process.exit(1);
}

/** Apps first (SIGTERM: they drain and close), then the databases they were using. */
async function shutdown(exitCode, signal) {
  if (stopping) return;
  stopping = true;
  if (signal) say(`${signal}: stopping (Ctrl-C again to kill)`);
  const appGraceMs = Number(config.SHUTDOWN_TIMEOUT_MS ?? 15_000) + Number(config.SHUTDOWN_DRAIN_DELAY_MS ?? 0) + 5_000;
  const results = await Promise.all(apps.map((child) => stopService(child, appGraceMs)));
  await Promise.all(stores.map((child) => stopService(child, 15_000)));
  const unclean = results.some((result) => result.code !== 0); // killed or died by a signal: not graceful
  if (apps.length + stores.length) say(unclean ? 'Stopped (an app did not shut down cleanly)' : 'Stopped');
  process.exit(exitCode || (unclean ? 1 : 0));
}
