import { defineScenario } from '../lib/scenario.js';

/**
 * The first page of the catalogue (20 summaries) from the in-process catalogue cache (ADR 0003);
 * it also pays for query validation of `limit`, which the detail route does not have.
 */
export default defineScenario({
  name: 'lesson-list',
  description: 'GET /lessons?limit=20 (catalogue cache hit)',
  request: { method: 'GET', path: '/lessons?limit=20' },
  // Issue #4: list ≥ 0.60× the bare-Fastify baseline serving the same bytes, p99 < 25 ms.
  target: { minThroughputRatio: 0.6, maxP99Ms: 25 },
});
