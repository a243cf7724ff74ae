import { randomBytes } from 'node:crypto';
import { seed } from '../../apps/worker/src/commands/seed.command.js';
import type { TestHarness } from './test-harness.js';
import { startTopology, type Topology } from './topology.js';

/**
 * The topology (scripts/lib/topology.mjs) on a test file's own database and Redis prefix, seeded
 * while the apps start: compiling them from source takes most of the time. `env` adds to (and
 * overrides) the test settings below.
 */
export async function startSeededTopology(harness: TestHarness, env: Record<string, string> = {}): Promise<Topology> {
  const starting = startTopology({
    databaseUrl: harness.databaseUrl,
    redisUrl: harness.environment.REDIS_URL,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      REDIS_KEY_PREFIX: harness.environment.REDIS_KEY_PREFIX,
      DATABASE_POOL_SIZE: '4',
      // One secret for every instance, as in production: a token signed by one is valid on the others.
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
  });
  const [seeded, started] = await Promise.allSettled([seed(harness.environment, () => undefined), starting]);
  if (started.status === 'rejected') throw started.reason;
  if (seeded.status === 'rejected') {
    await started.value.stop();
    throw seeded.reason;
  }
  return started.value;
}
