/** Names shared by the global setup, every test file and the teardown of one `npm test` run. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testRunId(): string {
  const id = process.env.TECHTREK_TEST_RUN_ID;
  if (!id) throw new Error('TECHTREK_TEST_RUN_ID is not set: run the tests through jest (global setup sets it)');
  return id;
}

export const templateDatabaseName = (runId: string): string => `techtrek_test_${runId}_template`;
export const databasePrefix = (runId: string): string => `techtrek_test_${runId}`;
export const redisPrefix = (runId: string): string => `techtrek-test-${runId}:`;
