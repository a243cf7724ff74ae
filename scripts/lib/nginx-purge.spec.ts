import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface PurgeEndpoint {
  url: string;
  close(): Promise<void>;
}
type StartPurgeEndpoint = (options: { cacheDir: string; nginxPurgeUrl: string }) => Promise<PurgeEndpoint>;

// A variable specifier: the script has no type declarations.
const script = './nginx-purge.mjs';
const { startPurgeEndpoint } = (await import(script)) as { startPurgeEndpoint: StartPurgeEndpoint };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** nginx's cache directory as levels=1:2 lays it out, each file with a binary header and its KEY line. */
function cacheWith(keys: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'purge-spec-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  keys.forEach((key, i) => {
    const leaf = path.join(dir, String(i % 10), `${i}a`);
    mkdirSync(leaf, { recursive: true });
    const header = Buffer.from([5, 0, 0, 0, 0xff, 0xfe, 0, 1]);
    writeFileSync(
      path.join(leaf, `file${i}`),
      Buffer.concat([header, Buffer.from(`\nKEY: ${key}\nHTTP/1.1 200 OK\n`)]),
    );
  });
  return dir;
}

/** Stands in for nginx's purge server: 200 for a key it holds (once), 404 otherwise. */
async function fakeNginx(held: string[]): Promise<{ url: string; purged: string[] }> {
  const purged: string[] = [];
  const remaining = new Set(held);
  const server: Server = createServer((request, response) => {
    const key = request.url ?? '';
    response.statusCode = remaining.delete(key) ? 200 : 404;
    if (response.statusCode === 200) purged.push(key);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, purged };
}

async function endpoint(keys: string[]) {
  const nginx = await fakeNginx(keys);
  const purge = await startPurgeEndpoint({ cacheDir: cacheWith(keys), nginxPurgeUrl: nginx.url });
  cleanups.push(() => purge.close());
  const send = async (target: string, method = 'PURGE') => {
    const response = await fetch(`${purge.url}${target}`, { method });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { send, purged: nginx.purged };
}

describe('the topology purge endpoint', () => {
  const keys = ['/lessons?limit=5', '/lessons?topic=apis&limit=20', '/lessons', '/lessons/3', '/lessons/30', '/topics'];

  it('resolves `<path>?*` to every cached query string of that path, and nothing else', async () => {
    const { send, purged } = await endpoint(keys);
    expect(await send('/lessons?*')).toEqual({ status: 200, body: { purged: 2 } });
    expect(purged.sort()).toEqual(['/lessons?limit=5', '/lessons?topic=apis&limit=20']);
  });

  it('passes an exact key on, answering 404 when it was not cached', async () => {
    const { send, purged } = await endpoint(keys);
    expect(await send('/lessons/3')).toEqual({ status: 200, body: { purged: 1 } });
    expect(await send('/lessons/3')).toEqual({ status: 404, body: { purged: 0 } });
    expect(purged).toEqual(['/lessons/3']);
  });

  it('refuses other methods', async () => {
    const { send, purged } = await endpoint(keys);
    expect((await send('/lessons/3', 'GET')).status).toBe(405);
    expect(purged).toEqual([]);
  });
});
