import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { ProbeModule } from './support/probe.module.js';
import { TestHarness } from './support/test-harness.js';

interface LogLine {
  msg: string;
  req?: { id?: string; method?: string; path?: string; remoteAddress?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  context?: string;
}

describe('request logging', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    harness = await TestHarness.start({ LOG_LEVEL: 'warn' });
    api = await harness.startApi(ProbeModule);
    // Every logger of the app is a child of the root one and writes to its stream.
    const stream = (PinoLogger.root as unknown as Record<symbol, { write(line: string): boolean }>)[
      pino.symbols.streamSym
    ];
    jest.spyOn(stream, 'write').mockImplementation((line: string) => {
      lines.push(JSON.parse(line) as LogLine);
      return true;
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await harness?.close();
  });

  const linesOf = (requestId: string) => lines.filter((line) => line.req?.id === requestId);

  it('writes one line per request with its id, method, path, status and time (4xx at warn)', async () => {
    const response = await api.inject({
      method: 'GET',
      url: '/no/such/route?x=1',
      headers: { 'x-request-id': 'log-1' },
    });

    expect(response.headers['x-request-id']).toBe('log-1');
    expect(linesOf('log-1')).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { id: 'log-1', method: 'GET', path: '/no/such/route', remoteAddress: '127.0.0.1' },
        res: { statusCode: 404 },
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it('puts the request id on every line written while the request runs', async () => {
    await api.inject({ method: 'GET', url: '/__probe/boom', headers: { 'x-request-id': 'log-2' } });

    const written = linesOf('log-2');
    expect(written.map((line) => line.msg)).toEqual(['Unhandled error', 'request completed']);
    expect(written[0].context).toBe('Errors');
  });

  it('never logs the authorization header', async () => {
    await api.inject({
      method: 'GET',
      url: '/__probe/boom',
      headers: { 'x-request-id': 'log-3', authorization: 'Bearer very-secret-token' },
    });

    expect(linesOf('log-3')).toHaveLength(2);
    await api.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'log-4' } });
    expect(linesOf('log-4')).toEqual([]); // 2xx lines are info: not written at warn
    expect(JSON.stringify(lines)).not.toContain('very-secret-token');
  });
});
