import { randomBytes } from 'node:crypto';

/**
 * Names the run. Jest loads this file through a CommonJS hook without the path aliases, so the
 * migrated template database is made lazily by the first test file that needs it (test-harness).
 */
export default function globalSetup(): void {
  process.env.TECHTREK_TEST_RUN_ID ??= randomBytes(4).toString('hex');
}
