import { defineScenario } from '../lib/scenario.js';

/**
 * A published lesson answered from the in-process catalogue cache (ADR 0003): after the probe
 * request every measured request is a hit, so this is the framework plus a map lookup and the
 * write of the cached bytes (and the version check, at most once a second).
 */
export default defineScenario({
  name: 'lesson-detail',
  description: 'GET /lessons/1 (catalogue cache hit)',
  request: { method: 'GET', path: '/lessons/1' },
  // Issue #4: detail ≥ 0.70× the bare-Fastify baseline serving the same bytes, p99 < 25 ms.
  target: { minThroughputRatio: 0.7, maxP99Ms: 25 },
});
