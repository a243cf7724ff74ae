import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Sentry from '@sentry/node';
import { initErrorReporting } from '@techtrek/platform';
import { ProbeModule } from './support/probe.module.js';
import { TestHarness } from './support/test-harness.js';

/** A local stand-in for Sentry's ingestion endpoint: records every envelope it is sent. */
function startFakeSentry(): Promise<{ server: Server; port: number; envelopes: { path: string; body: string }[] }> {
  const envelopes: { path: string; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      envelopes.push({ path: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, envelopes }),
    ),
  );
}

describe('error reporting to Sentry', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let sentry: Awaited<ReturnType<typeof startFakeSentry>>;

  beforeAll(async () => {
    sentry = await startFakeSentry();
    initErrorReporting(`http://publickey@127.0.0.1:${sentry.port}/42`, 'test');
    harness = await TestHarness.start();
    api = await harness.startApi(ProbeModule);
  });

  afterAll(async () => {
    await Sentry.close(2_000);
    await harness?.close();
    sentry?.server.close();
  });

  it('sends an unexpected error with its request id, and nothing for client errors', async () => {
    await api.inject({ method: 'GET', url: '/no/such/route' });
    const response = await api.inject({
      method: 'GET',
      url: '/__probe/boom',
      headers: { 'x-request-id': 'req-sentry-1' },
    });
    expect(response.statusCode).toBe(500);
    await Sentry.flush(2_000);
    for (let waited = 0; sentry.envelopes.length === 0 && waited < 2_000; waited += 50) await sleep(50);

    const events = sentry.envelopes.filter((envelope) => envelope.body.includes('"type":"event"'));
    expect(events).toHaveLength(1);
    expect(events[0].path).toMatch(/^\/api\/42\/envelope\/\?.*sentry_key=publickey/);
    expect(events[0].body).toContain('password authentication failed');
    expect(events[0].body).toContain('"request_id":"req-sentry-1"');
    expect(events[0].body).not.toContain('Cannot GET /no/such/route');
  });
});
