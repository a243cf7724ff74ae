import { describe, expect, it } from '@jest/globals';
import type { Exchange } from '../../../test/support/topology-load.js';
import { RouteRecorder } from './route-recorder.js';

const answer = (status: number, ms: number, body = ''): Exchange => ({ status, ms, headers: {}, body });
const refused: Exchange = { error: 'ECONNREFUSED', ms: 1, headers: {}, body: '' };

describe('RouteRecorder', () => {
  it('keeps every latency per route and reports nearest-rank percentiles', () => {
    const recorder = new RouteRecorder();
    for (let ms = 1; ms <= 200; ms += 1) recorder.record('GET /me', answer(200, ms), [200], ms);
    recorder.record('GET /lessons/:id', answer(304, 2), [200, 304], 5);
    expect(recorder.routeSummaries()).toEqual([
      { route: 'GET /lessons/:id', count: 1, p50Ms: 2, p95Ms: 2, p99Ms: 2, maxMs: 2, errors: 0, statuses: { 304: 1 } },
      {
        route: 'GET /me',
        count: 200,
        p50Ms: 100,
        p95Ms: 190,
        p99Ms: 198,
        maxMs: 200,
        errors: 0,
        statuses: { 200: 200 },
      },
    ]);
    expect(recorder.overall()).toMatchObject({ count: 201, maxMs: 200 });
    expect(recorder.errors).toBe(0);
  });

  it('counts as errors connection errors, 5xx and any status the call did not expect, with samples', () => {
    const recorder = new RouteRecorder();
    expect(recorder.record('POST /progress', answer(201, 5), [201], 10)).toBe(true);
    expect(recorder.record('POST /progress', answer(429, 5, '{"code":"REQUEST.RATE_LIMITED"}'), [201], 20)).toBe(false);
    expect(recorder.record('POST /ai/hint', answer(503, 5), [200, 202, 503], 30)).toBe(false);
    expect(recorder.record('GET /me', refused, [200], 40)).toBe(false);
    recorder.fail('GET /ai/hint/:jobId', 'job 7 still pending after 40 polls', 50);
    expect(recorder.total).toBe(4);
    expect(recorder.errors).toBe(4);
    expect(recorder.routeSummaries().map(({ route, errors, statuses }) => ({ route, errors, statuses }))).toEqual([
      { route: 'GET /ai/hint/:jobId', errors: 1, statuses: { failed: 1 } },
      { route: 'GET /me', errors: 1, statuses: { ECONNREFUSED: 1 } },
      { route: 'POST /ai/hint', errors: 1, statuses: { 503: 1 } },
      { route: 'POST /progress', errors: 1, statuses: { 201: 1, 429: 1 } },
    ]);
    expect(recorder.errorSamples[0]).toEqual({
      route: 'POST /progress',
      atMs: 20,
      status: 429,
      error: undefined,
      expected: [201],
      body: '{"code":"REQUEST.RATE_LIMITED"}',
    });
    expect(recorder.errorSamples.map((sample) => sample.error ?? sample.status)).toEqual([
      429,
      503,
      'ECONNREFUSED',
      'job 7 still pending after 40 polls',
    ]);
  });

  it('keeps the ten slowest requests, slowest first, with when they were answered', () => {
    const recorder = new RouteRecorder();
    for (let i = 1; i <= 30; i += 1) recorder.record('GET /me', answer(200, (i * 7) % 31), [200], i * 100);
    expect(recorder.slowest.map((slow) => slow.ms)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    expect(recorder.slowest[0]).toEqual({ route: 'GET /me', ms: 30, atMs: 2200, status: 200 });
  });

  it('sums requests, errors and p99 per time window', () => {
    const recorder = new RouteRecorder(10_000);
    recorder.record('GET /me', answer(200, 4), [200], 1_000);
    recorder.record('GET /me', answer(500, 9), [200], 9_999);
    recorder.record('GET /me', answer(200, 3), [200], 25_000);
    expect(recorder.windowSummaries()).toEqual([
      { fromSecond: 0, requests: 2, errors: 1, p99Ms: 9 },
      { fromSecond: 20, requests: 1, errors: 0, p99Ms: 3 },
    ]);
  });
});
