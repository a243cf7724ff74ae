import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Names this run's databases and Redis keys (test-run.ts reads them back). Jest loads this file
 * through a CommonJS hook without path aliases, so the migrated template database is built
 * lazily by the first test file that needs one (test-harness.ts).
 */
export default function globalSetup(): void {
  const runId = randomBytes(4).toString('hex');
  process.env.TECHTREK_TEST_DATABASE_PREFIX ??= `techtrek_test_${runId}`;
  process.env.TECHTREK_TEST_REDIS_PREFIX ??= `techtrek-test-${runId}:`;
  // `npm run test:contract`: every file adds its figures here and global-teardown.ts sums them up.
  if (process.env.TECHTREK_CONTRACT_PROXY === '1' && !process.env.TECHTREK_CONTRACT_REPORT) {
    process.env.TECHTREK_CONTRACT_REPORT = join(tmpdir(), `techtrek-contract-${runId}.jsonl`);
    process.env.TECHTREK_CONTRACT_REPORT_SCRATCH = '1';
  }
}
