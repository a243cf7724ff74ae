// Scale-out on one machine: N API and M worker processes (from source) on one PostgreSQL and one
// Redis, behind nginx as load balancer and CDN, with the CDN's purge endpoint; loopback only.
// Used by `npm run topology`, test/scale-out.e2e-spec.ts and benchmarks. The database must be
// migrated already.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPurgeEndpoint } from './nginx-purge.mjs';
import { ensureNginx, startNginx } from './nginx.mjs';
import { startService, stopService, waitFor } from './processes.mjs';
import { answers200, freePort } from './probes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FROM_SOURCE = ['--import', '@swc-node/register/esm-register'];
const ENTRY = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };

/**
 * Settings every process gets unless `env` says otherwise: behind a proxy (client IPs from
 * X-Forwarded-For), told of the CDN, and draining for a second after SIGTERM. A draining API keeps
 * answering (with `Connection: close`, so nginx drops its kept-alive connections to it) while
 * readiness fails; then it stops listening and nginx sends the next requests to the other one.
 */
const TOPOLOGY_DEFAULTS = { HOST: '127.0.0.1', TRUST_PROXY: '127.0.0.1', SHUTDOWN_DRAIN_DELAY_MS: '1000' };

/**
 * Starts everything in parallel and resolves once every process is ready and nginx listens.
 * `env` is added to this process's environment for every app (its values win over the defaults).
 */
export async function startTopology({ databaseUrl, redisUrl, env = {}, apis = 2, workers = 2, say = () => {} }) {
  ensureNginx(say);
  const prefix = mkdtempSync(path.join(tmpdir(), 'techtrek-topology-'));
  const [lbPort, nginxPurgePort, ...appPorts] = await distinctFreePorts(2 + apis + workers);
  const cacheDir = path.join(prefix, 'cache');
  const purge = await startPurgeEndpoint({ cacheDir, nginxPurgeUrl: `http://127.0.0.1:${nginxPurgePort}` });
  const shared = {
    ...process.env,
    ...TOPOLOGY_DEFAULTS,
    CDN_PURGE_URL: purge.url,
    ...env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
  };
  const started = { apis: [], workers: [], nginx: undefined };
  const topology = { url: `http://127.0.0.1:${lbPort}`, purgeUrl: purge.url, purge, cacheDir, prefix, ...started };
  let stopped;
  topology.stop = () => (stopped ??= stopTopology(topology, purge, shared));
  try {
    const apiPorts = appPorts.slice(0, apis);
    topology.apis = apiPorts.map((port, i) => app('api', `api-${i + 1}`, port, { ...shared, PORT: String(port) }));
    topology.workers = appPorts
      .slice(apis)
      .map((port, i) => app('worker', `worker-${i + 1}`, port, { ...shared, WORKER_PORT: String(port) }));
    const nginx = startNginx({ prefix, listenPort: lbPort, purgePort: nginxPurgePort, apiPorts });
    await Promise.all([
      ...[...topology.apis, ...topology.workers].map(ready),
      nginx.then((child) => (topology.nginx = child)),
    ]);
  } catch (error) {
    await topology.stop();
    throw error;
  }
  return topology;
}

/** One app process: `{ name, url, port, child }`. */
function app(kind, name, port, env) {
  const child = startService(name, process.execPath, [...FROM_SOURCE, ENTRY[kind]], { cwd: ROOT, env });
  return { name, kind, port, url: `http://127.0.0.1:${port}`, child };
}

function ready(instance) {
  return waitFor(`${instance.name} ${instance.url}/health/ready`, () => answers200(`${instance.url}/health/ready`), {
    timeoutMs: 120_000,
    giveUp: () => instance.child.exitCode !== null || instance.child.signalCode !== null,
  });
}

/** Apps first (they drain), then nginx and the purge endpoint; resolves with how each app ended. */
async function stopTopology(topology, purge, env) {
  const graceMs = Number(env.SHUTDOWN_DRAIN_DELAY_MS ?? 0) + Number(env.SHUTDOWN_TIMEOUT_MS ?? 15_000) + 5_000;
  const apps = [...topology.apis, ...topology.workers];
  const results = await Promise.all(apps.map((instance) => stopService(instance.child, graceMs)));
  if (topology.nginx) await stopService(topology.nginx, 5_000);
  await purge.close();
  rmSync(topology.prefix, { recursive: true, force: true });
  return Object.fromEntries(apps.map((instance, i) => [instance.name, results[i]]));
}

async function distinctFreePorts(count) {
  const ports = new Set();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
