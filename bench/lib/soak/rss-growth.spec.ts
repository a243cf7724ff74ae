import { describe, expect, it } from '@jest/globals';
import { judgeRssGrowth, startRssSampling, type RssRule, type RssSample } from './rss-growth.js';

const RULE: RssRule = { windowMs: 10_000, maxGrowthMiB: 32, maxGrowthRatio: 0.15 };

/** One sample a second from `fromS` to `toS`, the MiB given by `mib(second)`. */
const series = (fromS: number, toS: number, mib: (second: number) => number): RssSample[] =>
  Array.from({ length: toS - fromS + 1 }, (_, i) => ({ atMs: (fromS + i) * 1000, mib: mib(fromS + i) }));

/** The rule from `fromS` (the warm-up's end) to `toS`. */
const judge = (samples: RssSample[], fromS: number, toS: number) =>
  judgeRssGrowth(samples, { fromMs: fromS * 1000, toMs: toS * 1000 }, RULE);

describe('the RSS growth rule', () => {
  it("compares the last window's median with the lowest window median after the warm-up", () => {
    // Warm-up (0–9 s) at 100 MiB is ignored; then 200 for 20 s, then 220.
    const samples = series(0, 60, (s) => (s < 10 ? 100 : s < 30 ? 200 : 220));
    expect(judge(samples, 10, 60)).toEqual({
      firstWindowMiB: 200,
      startMiB: 200,
      endMiB: 220,
      growthMiB: 20,
      allowedMiB: 32,
      beyondNoise: false,
      sampleCount: 51,
    });
  });

  it('shrugs off garbage-collector saw-teeth: single peaks do not move a median', () => {
    const sawTooth = series(0, 120, (s) => 300 + (s % 7 === 0 ? 90 : 0) - (s % 11 === 0 ? 60 : 0));
    const verdict = judge(sawTooth, 10, 120);
    expect(verdict.growthMiB).toBe(0);
    expect(verdict.beyondNoise).toBe(false);
  });

  it('measures from where a process settled, so memory given back after the warm-up hides no growth', () => {
    // Start-up memory given back (450 → 350) after the warm-up, then a climb to 420.
    const samples = series(10, 60, (s) => (s < 30 ? 450 : s < 50 ? 350 : 420));
    expect(judge(samples, 10, 60)).toMatchObject({
      firstWindowMiB: 450,
      startMiB: 350,
      endMiB: 420,
      growthMiB: 70,
      beyondNoise: true,
    });
  });

  it('allows the larger of the fixed MiB and the share of the start', () => {
    const small = judge(
      series(0, 60, (s) => (s < 30 ? 100 : 133)),
      0,
      60,
    );
    expect(small).toMatchObject({ growthMiB: 33, allowedMiB: 32, beyondNoise: true });
    const large = judge(
      series(0, 60, (s) => (s < 30 ? 400 : 459)),
      0,
      60,
    );
    expect(large).toMatchObject({ growthMiB: 59, allowedMiB: 60, beyondNoise: false });
    const leaking = judge(
      series(0, 60, (s) => 400 + s * 2),
      0,
      60,
    );
    expect(leaking).toMatchObject({ startMiB: 409, endMiB: 510, beyondNoise: true });
  });

  it('does not judge a process without samples in both windows (it is reported apart)', () => {
    const died = series(0, 20, () => 100);
    expect(judge(died, 5, 60)).toMatchObject({
      startMiB: 100,
      endMiB: null,
      growthMiB: null,
      beyondNoise: false,
    });
  });

  it('samples live processes by pid and skips the ones that are gone', () => {
    const sampling = startRssSampling(
      [
        { name: 'self', pid: process.pid },
        { name: 'self+children', pid: process.pid, withChildren: true },
        { name: 'gone', pid: 2 ** 22 + 1 },
      ],
      60_000,
      Date.now(),
    );
    const samples = sampling.stop();
    expect(samples.self!.length).toBe(2);
    expect(samples.self![0]!.mib).toBeGreaterThan(10);
    expect(samples['self+children']![0]!.mib).toBeGreaterThanOrEqual(samples.self![0]!.mib);
    expect(samples.gone).toEqual([]);
  });
});
