import { randomBytes } from 'node:crypto';

/**
 * Names this run's databases and Redis keys (test-run.ts reads them back). Jest loads this file
 * through a CommonJS hook without path aliases, so the migrated template database is built
 * lazily by the first test file that needs one (test-harness.ts).
 */
export default function globalSetup(): void {
  const runId = randomBytes(4).toString('hex');
  process.env.TECHTREK_TEST_DATABASE_PREFIX ??= `techtrek_test_${runId}`;
  process.env.TECHTREK_TEST_REDIS_PREFIX ??= `techtrek-test-${runId}:`;
}
