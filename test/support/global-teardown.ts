import { Redis } from 'ioredis';
import pg from 'pg';
import { databasePrefix, redisPrefix, TEST_REDIS_URL, TEST_SERVER_URL, testRunId } from './test-run';

/** Leaves no databases and no Redis keys of this run behind. */
export default async function globalTeardown(): Promise<void> {
  const runId = testRunId();
  await dropRunDatabases(databasePrefix(runId));
  await deleteRunKeys(redisPrefix(runId));
}

async function dropRunDatabases(prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'`,
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRunKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
