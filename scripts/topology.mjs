// `npm run topology`: two APIs and two workers (from source) on one PostgreSQL and one Redis,
// behind nginx as load balancer and CDN, on loopback; prints the URLs and runs until Ctrl-C.
// DATABASE_URL and REDIS_URL (environment or .env) say which servers to use; the database is
// created, migrated and seeded first. TOPOLOGY_APIS / TOPOLOGY_WORKERS change the counts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { run } from './lib/processes.mjs';
import { pgAnswers, redisAnswers } from './lib/probes.mjs';
import { startTopology } from './lib/topology.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.log(`[topology] ${line}`);
process.chdir(ROOT);
const config = { ...(existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {}), ...process.env };
const databaseUrl = config.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/techtrek';
const redisUrl = config.REDIS_URL ?? 'redis://127.0.0.1:6379';
let topology;
let stopping = false;

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error) => {
  console.error(`[topology] ${error.message}`);
  void stop(1);
});

async function main() {
  for (const [what, check, url] of [
    ['PostgreSQL', pgAnswers, databaseUrl],
    ['Redis', redisAnswers, redisUrl],
  ]) {
    const answer = await check(url);
    if (!answer.ok)
      throw new Error(`${what} at ${redact(url)} does not answer (${answer.reason}); start it or set the URL`);
  }
  const env = { ...config, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  for (const command of ['db:create', 'migrate', 'seed']) {
    say(`cli ${command} …`);
    await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/worker/src/cli.ts', command], {
      env,
    });
  }
  say('starting 2 APIs, 2 workers and nginx …');
  const started = Date.now();
  topology = await startTopology({
    databaseUrl,
    redisUrl,
    env: config,
    apis: Number(config.TOPOLOGY_APIS ?? 2),
    workers: Number(config.TOPOLOGY_WORKERS ?? 2),
    say,
  });
  if (stopping) return;
  const lines = [
    '',
    `  TechTrek topology is up (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    `  Load balancer + CDN  ${topology.url}   (X-Cache-Status on /topics and /lessons*)`,
    `  CDN purge endpoint   ${topology.purgeUrl}   (PURGE /lessons/1, PURGE /lessons?*)`,
    ...topology.apis.map((api) => `  ${api.name.padEnd(20)} ${api.url}`),
    ...topology.workers.map((worker) => `  ${worker.name.padEnd(20)} ${worker.url}/health/ready`),
    `  nginx files          ${topology.prefix}`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  if (topology) {
    say('stopping …');
    const results = await topology.stop();
    const unclean = Object.entries(results).filter(([, result]) => result.code !== 0);
    for (const [name, result] of unclean) say(`${name} ended with ${result.signal ?? `exit code ${result.code}`}`);
    if (unclean.length && !exitCode) exitCode = 1;
    say(unclean.length ? 'stopped (not every process shut down cleanly)' : 'stopped');
  }
  process.exit(exitCode);
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
