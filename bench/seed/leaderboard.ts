import pg from 'pg';
import { Redis } from 'ioredis';
import { REPO_ROOT } from '../lib/api.js';
import { runCommand } from '../lib/processes.js';

/** Learners on the bench board (issue #5: "1,000,000 users on the board"). */
export const BOARD_LEARNERS = 1_000_000;
const EMAIL_PATTERN = 'bench-board-%@example.com';
const WORKER_CLI = 'dist/apps/worker/apps/worker/src/cli.js';

/**
 * Puts BOARD_LEARNERS learners with XP into the bench database and on the Redis boards, fast and
 * idempotently (the bench database is kept between runs, so a second run only checks counts):
 * - PostgreSQL, in two set-based statements: accounts `bench-board-<i>@example.com` (no usable
 *   password) with XP from a fixed pseudo-random spread (1–20 000, so many learners share a
 *   total and the tie-break matters), and one ledger entry each for that XP, dated over the last
 *   60 days, so `users.xp_points` equals the ledger as it must. Both skip what exists.
 * - Redis, with the worker's own `leaderboard:rebuild` command: it streams the board from
 *   PostgreSQL through a cursor and ZADDs 5 000 learners per command into a side key that it
 *   then RENAMEs in place. Run only when the board is missing or short.
 */
export async function seedLeaderboard(
  env: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const started = Date.now();
    const count = async (sql: string): Promise<number> => (await client.query<{ n: number }>(sql)).rows[0]!.n;
    if ((await count(`SELECT count(*)::int AS n FROM users WHERE email LIKE '${EMAIL_PATTERN}'`)) < BOARD_LEARNERS) {
      await client.query(
        `INSERT INTO users (email, username, password_hash, xp_points)
         SELECT 'bench-board-' || i || '@example.com', 'board_' || i, '!bench-no-login',
                1 + ((i::bigint * 2654435761) % 1000003) % 20000
         FROM generate_series(1, $1::int) AS i
         ON CONFLICT (email) DO NOTHING`,
        [BOARD_LEARNERS],
      );
      log(`seeded ${BOARD_LEARNERS} board learners in PostgreSQL (${Date.now() - started} ms)`);
    }
    if ((await count(`SELECT count(*)::int AS n FROM xp_ledger WHERE source_type = 'bench_seed'`)) < BOARD_LEARNERS) {
      const ledgerStarted = Date.now();
      await client.query(
        `INSERT INTO xp_ledger (user_id, amount, reason, source_type, source_id, created_at)
         SELECT user_id, xp_points, 'bench_seed', 'bench_seed', 'seed',
                now() - ((user_id::bigint * 7919) % 86400) * interval '1 minute'
         FROM users WHERE email LIKE '${EMAIL_PATTERN}'
         ON CONFLICT (user_id, source_type, source_id) DO NOTHING`,
      );
      await client.query('ANALYZE users, xp_ledger');
      log(`seeded their XP ledger entries (${Date.now() - ledgerStarted} ms)`);
    }
  } finally {
    await client.end();
  }

  const redis = new Redis(env.REDIS_URL || 'redis://127.0.0.1:6379', { keyPrefix: env.REDIS_KEY_PREFIX });
  try {
    const [onBoard, built] = [await redis.zcard('leaderboard:all'), await redis.exists('leaderboard:built')];
    if (onBoard >= BOARD_LEARNERS && built === 1) {
      log(`${onBoard} learners already on the Redis board`);
      return;
    }
  } finally {
    redis.disconnect();
  }
  const started = Date.now();
  const output = await runCommand(process.execPath, [WORKER_CLI, 'leaderboard:rebuild'], { cwd: REPO_ROOT, env });
  log(`${output.trim()} (${Date.now() - started} ms)`);
}
