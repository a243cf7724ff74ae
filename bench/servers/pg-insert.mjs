// A server baseline: bare Fastify answering the scenario's route with ONE INSERT per request (the
// request body, into a table of its own) through a pg Pool sized like the API's. It is the "one
// database write per request" yardstick for write scenarios (progress-submit): the ratio says how
// much of this machine's single-write HTTP throughput survives everything else the API does
// (authentication, validation, grading, a transaction of several writes, rate limits…).
//
// Plain JavaScript, like baseline.mjs: the TypeScript loader would add ~100 MiB of RSS. The runner
// starts it with the API's environment, so DATABASE_URL and DATABASE_POOL_SIZE are the API's.
//
// Protocol (IPC, started by bench/lib/server-baseline.ts with `fork`):
//   parent { type: 'start', route: { method, url }, options } → child { type: 'ready', port, info }
//                                                               once it listens
//   any failure → child { type: 'error', error }. SIGTERM closes the server and the pool.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import Fastify from 'fastify';
import pg from 'pg';

// The API's DATABASE_POOL_SIZE default (libs/platform/src/config/environment.ts): the same number
// of connections, so neither side gets more PostgreSQL backends working for it.
const DEFAULT_POOL_SIZE = 10;
const TABLE = 'bench_baseline_attempts';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE} (
  id bigserial PRIMARY KEY,
  user_id int,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;
// Named, so each connection plans it once: the yardstick is the write itself, as cheap as pg makes it.
const INSERT = {
  name: 'bench-baseline-insert-attempt',
  text: `INSERT INTO ${TABLE} (user_id, body) VALUES ($1, $2) RETURNING id`,
};

/**
 * The user id a bearer JWT names (`sub`), read but NOT verified: the row gets its user like the
 * API's attempt does, while checking the token is the API's cost, not the write's.
 */
function userIdOf(authorization) {
  const payload = authorization?.startsWith('Bearer ') ? authorization.split('.')[1] : undefined;
  if (!payload) return null;
  try {
    const sub = Number(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub);
    return Number.isSafeInteger(sub) && sub > 0 && sub <= 2 ** 31 - 1 ? sub : null;
  } catch {
    return null;
  }
}

async function start({ route }) {
  const poolSize = Number(process.env.DATABASE_POOL_SIZE) || DEFAULT_POOL_SIZE;
  // The API's pool settings (libs/platform/src/database/data-source-options.ts).
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    application_name: 'techtrek-bench-baseline',
  });
  // An idle client's error (PostgreSQL restarted) must not crash the process between rounds.
  pool.on('error', () => {});
  await pool.query(CREATE_TABLE);

  const app = Fastify({ logger: false });
  app.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const { rows } = await pool.query({
        ...INSERT,
        values: [userIdOf(request.headers.authorization), JSON.stringify(request.body ?? null)],
      });
      reply.code(201);
      return { id: Number(rows[0].id) };
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.once('SIGTERM', () =>
    app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0)),
  );
  return { port: app.server.address().port, info: { poolSize, table: TABLE } };
}

process.once('message', (message) => {
  if (message.type !== 'start') return;
  start(message).then(
    ({ port, info }) => process.send({ type: 'ready', port, info }),
    (error) => process.send({ type: 'error', error: error?.stack ?? String(error) }),
  );
});
