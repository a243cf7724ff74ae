// How far ANY implementation of issue #3's login can get on this machine: bare Fastify doing, per
// request, only what a login must do, against the scenario's own baseline
// (bench/servers/argon2-verify.mjs: raw argon2id verifies, as many in flight as the load has
// connections), alternating rounds like the runner. Three shapes:
//   verify only     — HTTP in, one verify of a hash held in memory, a small JSON answer: the HTTP tax.
//   login, no limit — less than the issue requires: the account read by email, the verify, the session
//                     with its hashed refresh token (one INSERT statement), an HS256 access token, the
//                     answer's shape. An API that reads and writes what a login must can at best
//                     match it, within the noise of a run.
//   login           — the same plus both rate limits (per address, per email) in one Redis round trip.
// No framework, validation, logging, metrics or request id: whatever the API does beyond these is
// its own cost.
//   node bench/tools/login-floor.mjs          (after `npm run bench -- login` prepared the database)
// Optional: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/techtrek_bench),
// REDIS_URL (default redis://127.0.0.1:6379), ROUNDS (4); API_URL and API_PID: an API started on the
// bench database (e.g. `PORT=3900 node dist/apps/api/apps/api/src/main.js` with the bench's settings,
// bench/lib/api.ts) measured in the same rounds. Ports 3915–3917 on 127.0.0.1.
// It adds one account of its own and deletes it (and, by cascade, its sessions) at the end.
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { commOf, median, pidsNamed, ticksOf } from './proc-support.mjs';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/techtrek_bench';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.ROUNDS) || 4;
const PORT = 3915;
const CONNECTIONS = 50;
/** The API's parameters (libs/auth/src/infrastructure/security/argon2-password-hasher.ts). */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const PASSWORD = `floor harbor ${randomBytes(9).toString('base64url')} lantern`;
const JWT_SECRET = randomBytes(48);
/** What each floor server does ([label, variant]); see the top of the file. */
const SHAPES = [
  ['verify only', 'verify-only'],
  ['login, no limit', 'login-unlimited'],
  ['login', 'login'],
];
const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** The API's statements (typeorm-user-account.repository.ts, typeorm-session.repository.ts). */
const ACCOUNT_BY_EMAIL = {
  name: 'login-floor-account',
  text: `SELECT user_id AS id, email, username, role, xp_points AS xp,
           CASE WHEN current_streak_through < (now() AT TIME ZONE timezone)::date THEN 0 ELSE current_streak END
             AS "currentStreak",
           timezone, created_at AS "createdAt", password_hash AS "passwordHash"
         FROM users WHERE email = $1`,
};
const START_SESSION = {
  name: 'login-floor-session',
  text: `WITH session AS (
           INSERT INTO sessions (session_id, user_id) VALUES ($1, $2) RETURNING session_id, user_id, version, revoked_at
         ), token AS (
           INSERT INTO refresh_tokens (token_hash, session_id, expires_at) SELECT $3, session_id, $4 FROM session
         )
         SELECT * FROM session`,
};

function accessToken(account, session) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: String(account.id),
    role: account.role,
    sid: session.session_id,
    ver: session.version,
    jti: randomUUID(),
    iat: now,
    exp: now + 900,
    iss: 'techtrek',
    aud: 'techtrek-app',
  };
  const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${createHmac('sha256', JWT_SECRET).update(signed).digest('base64url')}`;
}

/** Both limits (per address, per email) in one round trip: a fixed window each. */
async function countAttempt(redis, ip, email) {
  const ipKey = `login-floor:ip:${ip}`;
  const emailKey = `login-floor:email:${createHash('sha256').update(email).digest('base64url')}`;
  const replies = await redis
    .multi()
    .incr(ipKey)
    .pexpire(ipKey, 1000, 'NX')
    .incr(emailKey)
    .pexpire(emailKey, 1000, 'NX')
    .exec();
  if (replies.some(([error]) => error)) throw new Error('rate limit failed');
}

async function login(pool, redis, request) {
  const { email, password } = request.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') return { status: 400, body: { title: 'Bad Request' } };
  if (redis) await countAttempt(redis, request.ip, email);
  const { rows } = await pool.query({ ...ACCOUNT_BY_EMAIL, values: [email.trim().toLowerCase()] });
  const account = rows[0];
  if (!account || !(await verify(account.passwordHash, password)))
    return { status: 401, body: { title: 'Unauthorized' } };
  const refreshToken = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(refreshToken).digest();
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const session = (await pool.query({ ...START_SESSION, values: [randomUUID(), account.id, tokenHash, expiresAt] }))
    .rows[0];
  const { id, username, role, xp, currentStreak, timezone, createdAt } = account;
  const user = { id, email: account.email, username, role, xp, currentStreak, timezone, createdAt };
  return { status: 200, body: { user, accessToken: accessToken(account, session), refreshToken, expiresIn: 900 } };
}

async function floorServer(variant, port, storedHash) {
  const Fastify = (await import('fastify')).default;
  const app = Fastify({ logger: false });
  if (variant === 'verify-only') {
    app.post('/auth/login', async (request) => {
      if (!(await verify(storedHash, request.body.password))) throw new Error('verify refused the password');
      return { ok: true };
    });
  } else {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
    const redis = variant === 'login' ? new Redis(REDIS_URL) : undefined;
    app.post('/auth/login', async (request, reply) => {
      const { status, body } = await login(pool, redis, request);
      reply.code(status);
      return body;
    });
  }
  await app.listen({ port, host: '127.0.0.1' });
}

/** CPU ticks of the process measured, and of every PostgreSQL and Redis process, by group. */
function ticks(pid) {
  const groups = new Map([[String(pid), 'server']]);
  for (const other of pidsNamed(['postgres', 'redis-server'])) {
    groups.set(other, commOf(other) === 'postgres' ? 'PostgreSQL' : 'Redis');
  }
  return new Map([...groups].map(([each, group]) => [each, { group, ticks: ticksOf(each) }]));
}

/** Ticks spent between two readings, by group, by the processes alive at the second. */
function ticksBetween(before, after) {
  const spent = { server: 0, PostgreSQL: 0, Redis: 0 };
  for (const [pid, { group, ticks: total }] of after) spent[group] += total - (before.get(pid)?.ticks ?? 0);
  return spent;
}

function start(args, message) {
  return new Promise((resolve, reject) => {
    const child = fork(args[0], args.slice(1), { env: { ...process.env, DATABASE_URL } });
    child.once('message', (answer) =>
      answer.type === 'ready' ? resolve({ child, port: answer.port }) : reject(new Error(answer.error)),
    );
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}) before it was ready`)));
    if (message) child.send(message);
  });
}

/** Ticks by group (10 ms each) as ms of CPU per operation, with their total. */
function perOperation(ticksByGroup, operations) {
  const ms = Object.fromEntries(
    Object.entries(ticksByGroup).map(([group, spent]) => [group, (spent * 10) / operations]),
  );
  return { ...ms, total: Object.values(ms).reduce((sum, each) => sum + each, 0) };
}

/** One round against a floor server: req/s, and CPU per request of it, PostgreSQL, Redis and the load. */
async function loadServer(server, email, duration) {
  const before = ticks(server.child.pid);
  const self = process.cpuUsage();
  const result = await new Promise((resolve) =>
    autocannon(
      {
        url: server.url ?? `http://127.0.0.1:${server.port}/auth/login`,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      },
      (_error, outcome) => resolve(outcome),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 300)); // the requests in flight at the deadline end
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx + result.errors} requests failed`);
  const spent = process.cpuUsage(self);
  const cpu = { ...ticksBetween(before, ticks(server.child.pid)), load: (spent.user + spent.system) / 10_000 };
  return { rate: result.requests.average, cpu: perOperation(cpu, result.requests.sent) };
}

async function loadBaseline(server, duration) {
  const before = ticks(server.child.pid);
  const done = new Promise((resolve, reject) => {
    server.child.once('message', (answer) =>
      answer.type === 'result' ? resolve(answer) : reject(new Error(answer.error)),
    );
  });
  server.child.send({ type: 'run', concurrency: CONNECTIONS, durationSeconds: duration });
  const result = await done;
  const cpu = ticksBetween(before, ticks(server.child.pid));
  return { rate: result.opsPerSec, cpu: perOperation(cpu, result.operations + result.finishedLate) };
}

async function main() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const stamp = Date.now().toString(36);
  const email = `login-floor-${stamp}@example.invalid`;
  const servers = {};
  try {
    const storedHash = await hash(PASSWORD, ARGON2ID);
    await db.query(`INSERT INTO users (email, username, password_hash) VALUES ($1, $2, $3)`, [
      email,
      `floor_${stamp}`,
      storedHash,
    ]);
    const self = new URL(import.meta.url).pathname;
    const contenders = [];
    for (const [index, [label, variant]] of SHAPES.entries()) {
      servers[variant] = await start([self, '--serve', variant, String(PORT + index), storedHash]);
      contenders.push({ label, server: servers[variant] });
    }
    if (process.env.API_URL) {
      const pid = Number(process.env.API_PID);
      if (!Number.isSafeInteger(pid) || ticksOf(pid) === 0)
        throw new Error("API_URL needs API_PID: the running API's pid");
      const server = { child: { pid }, url: `${process.env.API_URL}/auth/login` };
      contenders.push({ label: 'API', server });
    }
    const baseline = await start([new URL('../servers/argon2-verify.mjs', import.meta.url).pathname], {
      type: 'start',
      options: { password: PASSWORD, hashOptions: ARGON2ID },
    });
    servers.baseline = baseline;
    await rounds(contenders, baseline, email);
  } finally {
    for (const server of Object.values(servers)) server.child.kill();
    await db.query(`DELETE FROM users WHERE email = $1`, [email]);
    await db.end();
  }
}

async function rounds(contenders, baseline, email) {
  // Warm-up, so the rounds measure compiled code.
  for (const { server } of contenders) await loadServer(server, email, 10);
  await loadBaseline(baseline, 3);
  const show = ({ rate, cpu }) =>
    `${Math.round(rate)}/s, ${cpu.total.toFixed(2)} ms CPU (${Object.entries(cpu)
      .filter(([group, ms]) => group !== 'total' && ms > 0)
      .map(([group, ms]) => `${group} ${ms.toFixed(2)}`)
      .join(', ')})`;
  const ratios = contenders.map(() => []);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const measured = [];
    for (const { server } of contenders) measured.push(await loadServer(server, email, 5));
    const raw = await loadBaseline(baseline, 5);
    console.log(`round ${round}: raw verify ${show(raw)}`);
    for (const [index, { label }] of contenders.entries()) {
      ratios[index].push(measured[index].rate / raw.rate);
      console.log(`  ${label}: ${show(measured[index])}, ratio ${(measured[index].rate / raw.rate).toFixed(2)}`);
    }
  }
  console.log('(CPU per request or verify: the process measured, PostgreSQL, Redis and, for HTTP, the load generator)');
  for (const [index, { label }] of contenders.entries()) {
    console.log(`${label}: median ratio ${median(ratios[index]).toFixed(2)}`);
  }
}

if (process.argv[2] === '--serve') {
  const [variant, port, storedHash] = process.argv.slice(3);
  await floorServer(variant, Number(port), storedHash);
  process.send({ type: 'ready', port: Number(port) });
} else {
  await main();
}
