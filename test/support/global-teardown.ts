import { Redis } from 'ioredis';
import pg from 'pg';

// Loaded through a CommonJS hook that cannot resolve our `.js`-suffixed TypeScript imports,
// so this file reads the run's names from the environment global-setup.ts wrote.
const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Leaves no databases and no Redis keys of this run behind. */
export default async function globalTeardown(): Promise<void> {
  const databasePrefix = process.env.TECHTREK_TEST_DATABASE_PREFIX;
  const redisPrefix = process.env.TECHTREK_TEST_REDIS_PREFIX;
  if (!databasePrefix?.includes('test') || !redisPrefix) return;
  await dropRunDatabases(databasePrefix);
  await deleteRunKeys(redisPrefix);
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
