// The topology's CDN purge endpoint (what CDN_PURGE_URL points at): `PURGE /lessons/3` drops that
// cache key, `PURGE /lessons?*` every key starting with `/lessons?` (each list page). Debian 12's
// cache-purge module (2.3) purges exact keys only, so a wildcard is resolved here: the KEY line of
// each cache file names its key, and each match is purged through nginx's purge server, which keeps
// nginx's own index right. (Module 2.4+ and commercial CDNs take the wildcard themselves.)
import { Buffer } from 'node:buffer';
import { open, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

/** Starts it on 127.0.0.1:port (0: any); resolves with its URL and close(). */
export async function startPurgeEndpoint({ cacheDir, nginxPurgeUrl, port = 0 }) {
  const server = createServer((request, response) => {
    void answer(request, { cacheDir, nginxPurgeUrl }).then(
      ({ status, body }) => send(response, status, body),
      (error) => send(response, 502, { error: error.message }),
    );
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function answer(request, { cacheDir, nginxPurgeUrl }) {
  if (request.method !== 'PURGE') return { status: 405, body: { error: 'use PURGE' } };
  const target = request.url ?? '/';
  if (!target.endsWith('*')) {
    const status = await purgeKey(nginxPurgeUrl, target);
    return { status, body: { purged: status === 200 ? 1 : 0 } };
  }
  const prefix = target.slice(0, -1);
  const keys = (await cachedKeys(cacheDir)).filter((key) => key.startsWith(prefix));
  const statuses = await Promise.all(keys.map((key) => purgeKey(nginxPurgeUrl, key)));
  return { status: 200, body: { purged: statuses.filter((status) => status === 200).length } };
}

/** 200 purged, 404 was not cached (or already gone); anything else is an error. */
async function purgeKey(nginxPurgeUrl, key) {
  const response = await fetch(`${nginxPurgeUrl}${key}`, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  if (response.status !== 200 && response.status !== 404)
    throw new Error(`nginx answered ${response.status} for ${key}`);
  return response.status;
}

/** The key of every file in nginx's cache directory (levels=1:2), from its `KEY: ` header line. */
async function cachedKeys(cacheDir) {
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return (await Promise.all(files.map(keyOf))).filter((key) => key !== undefined);
}

async function keyOf(file) {
  const handle = await open(file, 'r').catch(() => undefined); // purged or evicted meanwhile
  if (!handle) return undefined;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead).toString('latin1');
    return /\nKEY: ([^\n]*)\n/.exec(head)?.[1];
  } finally {
    await handle.close();
  }
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
