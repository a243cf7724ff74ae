/** The names global-setup.ts chose for this run, shared by every test file and the teardown. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRun {
  databasePrefix: string;
  templateDatabase: string;
  redisPrefix: string;
}

export function currentTestRun(): TestRun {
  const databasePrefix = process.env.TECHTREK_TEST_DATABASE_PREFIX;
  const redisPrefix = process.env.TECHTREK_TEST_REDIS_PREFIX;
  if (!databasePrefix || !redisPrefix) {
    throw new Error('Run the tests through jest: its global setup names the test databases');
  }
  return { databasePrefix, templateDatabase: `${databasePrefix}_template`, redisPrefix };
}
