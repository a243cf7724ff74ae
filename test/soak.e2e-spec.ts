import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { soakLines } from '../bench/lib/soak/soak-report.js';
import { readSoakSettings, SOAK_APP_ENV } from '../bench/lib/soak/soak-settings.js';
import { ACTION_KINDS } from '../bench/lib/soak/mobile-actions.js';
import { runMobileWorkload, topologyProcesses } from '../bench/lib/soak/workload.js';
import { publishedLessons } from './support/lesson-answers.js';
import { TestHarness } from './support/test-harness.js';
import { startSeededTopology } from './support/test-topology.js';
import type { Topology } from './support/topology.js';

/** The bench `soak` scenario (bench/README.md) cut to SOAK_SECONDS (60 by default) for CI. */
const settings = readSoakSettings(60);

/**
 * A topology of its own, not scale-out.e2e-spec.ts's: that one runs with a strict sign-up limit (3),
 * which this workload would hit, and stops an API half-way; and Jest runs each file in a module
 * registry of its own, so a topology cannot outlive its file without a global setup that every
 * integration run would pay for.
 */
describe('soak: mobile learners through nginx to two APIs and two workers', () => {
  let harness: TestHarness;
  let topology: Topology;

  beforeAll(async () => {
    harness = await TestHarness.start();
    topology = await startSeededTopology(harness, { ...SOAK_APP_ENV });
  }, 120_000);

  afterAll(async () => {
    await topology?.stop();
    await harness?.close();
  }, 60_000);

  it(
    `answers every request as expected for ${settings.durationSeconds} s, and no process grows`,
    async () => {
      const db = await harness.database();
      const report = await runMobileWorkload({
        baseUrl: topology.url,
        lessons: await publishedLessons(db),
        settings,
        processes: topologyProcesses(topology),
        log: () => undefined,
      });
      process.stdout.write(`\nsoak (${settings.durationSeconds} s)\n${soakLines(report).join('\n')}\n\n`);

      expect(report.errorSamples).toEqual([]);
      expect(report.requestErrors).toBe(0);
      expect(report.baseline.errors).toBe(0);
      // Every kind of action, a few times at least (a hint is picked about one time in sixteen).
      expect(ACTION_KINDS.filter((kind) => report.actions[kind] < 3)).toEqual([]);
      for (const route of report.routes) expect(route.p99Ms).not.toBeNull();
      expect(Object.keys(report.rss).sort()).toEqual(['api-1', 'api-2', 'nginx', 'worker-1', 'worker-2']);
      const grown = Object.entries(report.rss).filter(([, rss]) => rss.beyondNoise || rss.growthMiB === null);
      expect(grown.map(([name, rss]) => ({ name, ...rss, samples: undefined }))).toEqual([]);
      expect(report.problems).toEqual([]);
    },
    (settings.durationSeconds + 30) * 1000,
  );

  it('stops every app cleanly after the soak', async () => {
    const ends = await topology.stop();
    expect(Object.values(ends)).toEqual(Array(4).fill({ code: 0, signal: null }));
  }, 60_000);
});
