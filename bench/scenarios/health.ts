import { defineScenario } from '../lib/scenario.js';

/**
 * Liveness: no database, no Redis. It measures what every request pays for the framework alone
 * (routing, security headers, CORS, request id, metrics hook, request logging), so it is the
 * ceiling for every other scenario: none can beat this ratio.
 */
export default defineScenario({
  name: 'health',
  description: 'GET /health (liveness, no dependencies)',
  request: { method: 'GET', path: '/health' },
  // A goal, not a record: bare NestJS on Fastify reaches ~0.9 of Fastify here (TOOLCHAIN.md
  // anchors); losing up to a third of that to security headers, logging and metrics is the budget.
  target: { minThroughputRatio: 0.6 },
});
