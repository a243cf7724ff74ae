import { describe, expect, it } from '@jest/globals';
import { MAX_WARMUP_SECONDS, warmUp, warmupTopUpSeconds } from './warm-up.js';

describe('warmupTopUpSeconds', () => {
  it('adds nothing once the API has served enough requests', () => {
    expect(warmupTopUpSeconds({ seconds: 2, requests: 40_000 }, 3_000)).toBe(0);
    expect(warmupTopUpSeconds({ seconds: 2, requests: 3_000 }, 3_000)).toBe(0);
  });

  it('adds the time the rate it showed needs to reach the minimum, rounded up', () => {
    // 340 requests in 2 s (170/s, a login): 2,660 more take 15.6 s.
    expect(warmupTopUpSeconds({ seconds: 2, requests: 340 }, 3_000)).toBe(16);
  });

  it('never warms up longer than the cap in all', () => {
    expect(warmupTopUpSeconds({ seconds: 2, requests: 10 }, 3_000)).toBe(MAX_WARMUP_SECONDS - 2);
  });

  it('adds nothing when the API served nothing (the rounds will report the failure)', () => {
    expect(warmupTopUpSeconds({ seconds: 2, requests: 0 }, 3_000)).toBe(0);
  });
});

describe('warmUp', () => {
  const recorder = (requestsPerSecond: number) => {
    const calls: string[] = [];
    return {
      calls,
      api: async (seconds: number) => {
        calls.push(`api ${seconds}`);
        return { requests: requestsPerSecond * seconds };
      },
      baseline: async (seconds: number) => {
        calls.push(`baseline ${seconds}`);
      },
    };
  };

  it('warms a fast scenario once per side', async () => {
    const run = recorder(20_000);
    await warmUp({ warmupSeconds: 2, warmupRequests: 3_000 }, run.api, run.baseline);
    expect(run.calls).toEqual(['api 2', 'baseline 2']);
  });

  it('warms a slow scenario again, the baseline as long as the API', async () => {
    const run = recorder(170);
    await warmUp({ warmupSeconds: 2, warmupRequests: 3_000 }, run.api, run.baseline);
    expect(run.calls).toEqual(['api 2', 'baseline 2', 'api 16', 'baseline 16']);
  });

  it('skips warm-up entirely when its seconds are 0', async () => {
    const run = recorder(170);
    await warmUp({ warmupSeconds: 0, warmupRequests: 3_000 }, run.api, run.baseline);
    expect(run.calls).toEqual([]);
  });
});
