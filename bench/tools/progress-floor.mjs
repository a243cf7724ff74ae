// The ceiling of the progress-submit ratio for ANY implementation of issue #5's write set: bare
// Fastify writing, per request and in ONE statement (one round trip, one commit), what a graded
// attempt must leave behind in this schema: the attempt with its response, the fold into the
// lesson's progress row, an XP ledger entry, users.xp_points, the streak row and an outbox event.
// No authentication, validation, grading, lock or read: only the writes, as cheap as pg makes them.
// It is measured against the scenario's own baseline (bench/servers/pg-insert.mjs: one INSERT),
// alternating rounds like the runner, on the bench database's real tables and indexes.
//   node bench/tools/progress-floor.mjs          (after `npm run bench -- progress-submit` seeded it)
// Optional: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/techtrek_bench), ROUNDS (4).
// It adds 100 learners of its own and deletes them (and, by cascade, everything it wrote) at the end.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { median, pidsNamed, ticksOf } from './proc-support.mjs';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/techtrek_bench';
const ROUNDS = Number(process.env.ROUNDS) || 4;
const LEARNERS = 100;
const PORT = 3913;
const serving = process.argv[2] === '--serve';
/** Its own event type, so the cleanup deletes exactly what this tool wrote to the outbox. */
const FLOOR_EVENT = 'bench.progress-floor';

// What the API's submission writes, as the CTEs of one module each. Progress's: the attempt with its
// response, its fold into the lesson's progress row, and its event ($1 learner, $2 lesson, $3
// answers, $4 idempotency key and fingerprint, $5 event payload and stored response, $6 event id).
const PROGRESS_WRITES = `
  attempt AS (
    INSERT INTO lesson_attempts (user_id, lesson_id, lesson_version, score, passed, answers, completed_at,
                                 local_day, idempotency_key, request_fingerprint, response)
    VALUES ($1, $2, 1, 100, true, $3, now(), current_date, $4, $4, $5)
    RETURNING attempt_id
  ), folded AS (
    INSERT INTO progress (user_id, lesson_id, completion_status, score, completed_at, attempt_count, last_attempt_at)
    VALUES ($1, $2, 'completed', 100, now(), 1, now())
    ON CONFLICT (user_id, lesson_id) DO UPDATE SET score = GREATEST(progress.score, EXCLUDED.score),
      attempt_count = progress.attempt_count + 1, last_attempt_at = EXCLUDED.last_attempt_at
  ), event AS (
    INSERT INTO outbox (event_id, type, payload) VALUES ($6, '${FLOOR_EVENT}', $5)
  )`;

/** Gamification's: the ledger entry for the attempt `sourceId` names, the learner's total, the streak. */
const gamificationWrites = (sourceId) => `
  xp AS (
    INSERT INTO xp_ledger (user_id, amount, reason, source_type, source_id)
    SELECT $1, 5, 'lesson-repeated', 'attempt', ${sourceId}
    ON CONFLICT (user_id, source_type, source_id) DO NOTHING
    RETURNING amount
  ), total AS (
    UPDATE users SET xp_points = xp_points + COALESCE((SELECT amount FROM xp), 0), current_streak = 1,
                     current_streak_through = current_date
    WHERE user_id = $1 RETURNING xp_points
  ), streak AS (
    INSERT INTO streaks (user_id, current_days, longest_days, freezes_left, last_pass_at, state)
    VALUES ($1, 1, 1, 0, now(), '{}')
    ON CONFLICT (user_id) DO UPDATE SET last_pass_at = now(), updated_at = now()
  )`;

/** Every module's writes in one statement: one round trip, autocommitted. */
const SUBMIT = {
  name: 'progress-floor-submit',
  text: `WITH ${PROGRESS_WRITES}, ${gamificationWrites('(SELECT attempt_id::text FROM attempt)')}
         SELECT attempt_id, (SELECT xp_points FROM total) AS xp FROM attempt`,
};

/**
 * The same writes as the API's module boundaries allow at best, in one transaction of four round
 * trips: the transaction, the learner's lock and the read of their progress (one simple-protocol
 * batch); progress's statement; gamification's ($2: the attempt's id); COMMIT.
 */
const PROGRESS_PART = {
  name: 'progress-floor-progress',
  text: `WITH ${PROGRESS_WRITES} SELECT attempt_id FROM attempt`,
};
const GAMIFICATION_PART = {
  name: 'progress-floor-gamification',
  text: `WITH ${gamificationWrites('$2::text')} SELECT xp_points FROM total`,
};

async function writeInOneStatement(pool, userId, lessonId, answers) {
  const { rows } = await pool.query({
    ...SUBMIT,
    values: [userId, lessonId, answers, randomUUID(), JSON.stringify({ userId, lessonId, score: 100 }), randomUUID()],
  });
  return { attemptId: Number(rows[0].attempt_id), totalXp: rows[0].xp };
}

async function writeModuleByModule(pool, userId, lessonId, answers) {
  const client = await pool.connect();
  try {
    await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(5000001, ${userId});
       SELECT lesson_id, score FROM progress WHERE user_id = ${userId} ORDER BY lesson_id`,
    );
    const event = JSON.stringify({ userId, lessonId, score: 100 });
    const attempt = await client.query({
      ...PROGRESS_PART,
      values: [userId, lessonId, answers, randomUUID(), event, randomUUID()],
    });
    const attemptId = attempt.rows[0].attempt_id;
    const total = await client.query({ ...GAMIFICATION_PART, values: [userId, String(attemptId)] });
    await client.query('COMMIT');
    return { attemptId: Number(attemptId), totalXp: total.rows[0].xp_points };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function floorServer(variant, port) {
  const Fastify = (await import('fastify')).default;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  const write = variant === 'modules' ? writeModuleByModule : writeInOneStatement;
  const app = Fastify({ logger: false });
  app.post('/progress', async (request, reply) => {
    const userId = Number(request.headers['x-learner']);
    if (!Number.isSafeInteger(userId)) throw new Error('x-learner must name a learner');
    reply.code(201);
    return write(pool, userId, request.body.lessonId, JSON.stringify(request.body.answers));
  });
  await app.listen({ port, host: '127.0.0.1' });
}

/** CPU ticks per process: the server and every PostgreSQL process (backends come and go). */
function ticks(serverPid) {
  const postgres = pidsNamed(['postgres']);
  return new Map([serverPid, ...postgres].map((pid) => [String(pid), ticksOf(pid)]));
}

/** Ticks spent between two readings by the processes alive at the second (a new one: all of its life). */
function ticksBetween(before, after) {
  let spent = 0;
  for (const [pid, total] of after) spent += total - (before.get(pid) ?? 0);
  return spent;
}

async function main() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const stamp = Date.now().toString(36);
  const servers = {};
  try {
    await measure(db, stamp, servers);
  } finally {
    for (const server of Object.values(servers)) server.child.kill();
    await db.query(`DELETE FROM users WHERE email LIKE $1`, [`floor-${stamp}-%`]);
    await db.query(`DELETE FROM outbox WHERE type = $1`, [FLOOR_EVENT]);
    await db.end();
  }
}

/** Adds the learners, starts the three servers into `servers` (for the caller to stop), runs the rounds. */
async function measure(db, stamp, servers) {
  const { rows: learners } = await db.query(
    `INSERT INTO users (email, username, password_hash)
     SELECT 'floor-' || $1 || '-' || i || '@example.invalid', 'floor_' || i, 'not-a-hash' FROM generate_series(1, $2) i
     RETURNING user_id`,
    [stamp, LEARNERS],
  );
  const { rows: lessons } = await db.query(`SELECT lesson_id FROM lessons WHERE status = 'published' LIMIT 1`);
  if (!lessons[0]) throw new Error('no published lesson: run `npm run bench -- progress-submit` once to seed');
  const body = JSON.stringify({ lessonId: lessons[0].lesson_id, answers: [{ exerciseId: 'e1', answer: 'a' }] });

  const start = (args) =>
    new Promise((resolve, reject) => {
      const child = fork(args[0], args.slice(1), { env: { ...process.env, DATABASE_URL } });
      child.once('message', (message) =>
        message.type === 'ready' ? resolve({ child, port: message.port }) : reject(new Error(message.error)),
      );
      child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}) before it was ready`)));
      if (args[0].endsWith('pg-insert.mjs')) child.send({ type: 'start', route: { method: 'POST', url: '/progress' } });
    });
  const self = new URL(import.meta.url).pathname;
  servers.oneStatement = await start([self, '--serve', 'one-statement', String(PORT)]);
  servers.moduleByModule = await start([self, '--serve', 'modules', String(PORT + 1)]);
  servers.baseline = await start([new URL('../servers/pg-insert.mjs', import.meta.url).pathname]);

  let next = 0;
  const load = async (server, duration) => {
    const before = ticks(server.child.pid);
    const result = await new Promise((resolve) =>
      autocannon(
        {
          url: `http://127.0.0.1:${server.port}/progress`,
          method: 'POST',
          connections: 50,
          duration,
          requests: [
            {
              method: 'POST',
              body,
              headers: { 'content-type': 'application/json' },
              setupRequest: (request) => ({
                ...request,
                headers: { ...request.headers, 'x-learner': String(learners[next++ % LEARNERS].user_id) },
              }),
            },
          ],
        },
        (_error, outcome) => resolve(outcome),
      ),
    );
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx + result.errors} requests failed`);
    const cpuMs = (ticksBetween(before, ticks(server.child.pid)) * 10) / result.requests.total;
    return { rate: result.requests.average, cpuMs };
  };
  const show = ({ rate, cpuMs }) => `${Math.round(rate)} req/s, ${cpuMs.toFixed(2)} ms CPU/req`;
  for (const server of Object.values(servers)) await load(server, 2);
  const ratios = { oneStatement: [], moduleByModule: [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const one = await load(servers.oneStatement, 5);
    const modules = await load(servers.moduleByModule, 5);
    const baseline = await load(servers.baseline, 5);
    ratios.oneStatement.push(one.rate / baseline.rate);
    ratios.moduleByModule.push(modules.rate / baseline.rate);
    console.log(
      `round ${round}: one statement ${show(one)} | module by module ${show(modules)} | one INSERT ${show(baseline)}`,
    );
  }
  console.log('(CPU per request: the server process and every PostgreSQL process)');
  console.log(`one statement: median ratio ${median(ratios.oneStatement).toFixed(2)}`);
  console.log(`module by module: median ratio ${median(ratios.moduleByModule).toFixed(2)}`);
}

if (serving) {
  const [variant, port] = process.argv.slice(3);
  await floorServer(variant, Number(port));
  process.send({ type: 'ready', port: Number(port) });
} else {
  await main();
}
