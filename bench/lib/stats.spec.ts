import { describe, expect, it } from '@jest/globals';
import type { RoundMeasurement } from './load.js';
import {
  evaluateTarget,
  isExpectedStatus,
  latencySummary,
  median,
  mediansOf,
  pairedRatios,
  percentile,
  roundProblems,
} from './stats.js';

const round = (reqPerSec: number, p99Ms: number): RoundMeasurement => ({
  target: 'scenario',
  reqPerSec,
  p50Ms: 1,
  p99Ms,
  rssMiB: 100,
  cpu: null,
  requests: 1,
  errors: 0,
  timeouts: 0,
  statusCounts: { 200: 1 },
  unexpectedStatuses: 0,
});

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('takes the nearest-rank percentile: always a measured value', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 3], 50)).toBe(3);
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarizes a latency distribution with the same nearest ranks, in one sort', () => {
    const thousand = Array.from({ length: 1000 }, (_, index) => 1000 - index);
    expect(latencySummary(thousand)).toEqual({ count: 1000, p50Ms: 500, p95Ms: 950, p99Ms: 990, maxMs: 1000 });
    expect(latencySummary(thousand).p99Ms).toBe(percentile(thousand, 99));
    expect(latencySummary([4])).toEqual({ count: 1, p50Ms: 4, p95Ms: 4, p99Ms: 4, maxMs: 4 });
    expect(latencySummary([])).toEqual({ count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null });
  });

  it('divides within each round before taking the median, so drift between rounds cancels', () => {
    const ratios = pairedRatios([
      { scenario: round(500, 20), baseline: round(1000, 10) },
      { scenario: round(1000, 20), baseline: round(2000, 10) },
      { scenario: round(900, 30), baseline: round(1000, 10) },
    ]);
    expect(ratios.throughput).toBe(0.5);
    expect(ratios.p99).toBe(2);
  });

  it('takes each part of the CPU per request from the rounds that measured it', () => {
    const withCpu = (serverMs: number | null, postgresMs: number | null, loadGeneratorMs: number) => ({
      ...round(1000, 10),
      cpu: { serverMs, postgresMs, loadGeneratorMs },
    });
    const rounds = [withCpu(1.5, 0.9, 0.1), withCpu(1.7, null, 0.3), withCpu(1.6, 1.1, 0.2), round(1000, 10)];
    expect(mediansOf(rounds).cpu).toEqual({ serverMs: 1.6, postgresMs: 1, loadGeneratorMs: 0.2 });
    expect(mediansOf([round(1000, 10)]).cpu).toBeNull();
  });

  it('reports each missed goal and passes when none is missed', () => {
    const medians = { reqPerSec: 700, p50Ms: 2, p99Ms: 30, rssMiB: 100, cpu: null };
    expect(evaluateTarget({ minThroughputRatio: 0.7, maxP99Ms: 25 }, medians, { throughput: 0.6, p99: 2 })).toEqual({
      pass: false,
      misses: ['throughput ratio 0.60 < 0.7', 'p99 ms 30.00 > 25'],
    });
    expect(evaluateTarget({ minThroughputRatio: 0.5 }, medians, { throughput: 0.6, p99: 2 })).toEqual({
      pass: true,
      misses: [],
    });
    expect(evaluateTarget(undefined, medians, { throughput: 0.6, p99: 2 })).toBeNull();
  });

  it('flags a round with connection errors or unexpected statuses', () => {
    expect(roundProblems(round(1000, 10))).toEqual([]);
    const bad = { ...round(1000, 10), errors: 3, timeouts: 1, statusCounts: { 200: 5, 503: 2 }, unexpectedStatuses: 2 };
    expect(roundProblems(bad)).toEqual(['3 connection errors (1 timeouts)', '2 unexpected statuses {"200":5,"503":2}']);
  });

  it('expects 2xx/3xx by default, or exactly the declared status', () => {
    expect([200, 204, 304, 404, 500].map((status) => isExpectedStatus(status))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(isExpectedStatus(200, 201)).toBe(false);
    expect(isExpectedStatus(201, 201)).toBe(true);
  });
});
