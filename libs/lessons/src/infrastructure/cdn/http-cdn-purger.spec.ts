import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpCdnPurger } from './http-cdn-purger.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];

async function purgeEndpoint(handler: Handler): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

function counting() {
  const counts = { purged: 0, failed: 0 };
  return { counts, outcomes: { purged: () => void counts.purged++, failed: () => void counts.failed++ } };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('HttpCdnPurger', () => {
  it('purges each path and all its query strings, taking "not cached" (404) as done', async () => {
    const endpoint = await purgeEndpoint((request, response) => {
      response.statusCode = request.url === '/topics?*' ? 404 : 200;
      response.end();
    });
    const { counts, outcomes } = counting();
    await new HttpCdnPurger({ url: endpoint.url, timeoutMs: 2_000 }, outcomes).purge(['/topics', '/lessons/3']);
    expect(endpoint.seen.sort()).toEqual([
      'PURGE /lessons/3',
      'PURGE /lessons/3?*',
      'PURGE /topics',
      'PURGE /topics?*',
    ]);
    expect(counts).toEqual({ purged: 1, failed: 0 });
  });

  it('does not fail the caller when the CDN refuses, and counts the failure', async () => {
    const endpoint = await purgeEndpoint((_request, response) => {
      response.statusCode = 500;
      response.end();
    });
    const { counts, outcomes } = counting();
    await expect(
      new HttpCdnPurger({ url: endpoint.url, timeoutMs: 2_000 }, outcomes).purge(['/lessons']),
    ).resolves.toBeUndefined();
    expect(counts).toEqual({ purged: 0, failed: 1 });
  });

  it('gives up at its deadline when the CDN does not answer', async () => {
    const endpoint = await purgeEndpoint(() => undefined); // never answers
    const { counts, outcomes } = counting();
    const started = Date.now();
    await new HttpCdnPurger({ url: endpoint.url, timeoutMs: 200 }, outcomes).purge(['/lessons']);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(counts).toEqual({ purged: 0, failed: 1 });
  });

  it('does not fail the caller when nothing listens', async () => {
    const endpoint = await purgeEndpoint(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { counts, outcomes } = counting();
    await new HttpCdnPurger({ url: endpoint.url, timeoutMs: 2_000 }, outcomes).purge(['/topics']);
    expect(counts).toEqual({ purged: 0, failed: 1 });
  });
});
