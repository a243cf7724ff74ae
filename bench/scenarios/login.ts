import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { defineScenario } from '../lib/scenario.js';

/**
 * The API's password hashing (libs/auth/src/infrastructure/security/argon2-password-hasher.ts):
 * argon2id (`Algorithm.Argon2id` is 2), 19 MiB, 2 passes, 1 lane. The baseline hashes with these;
 * setup checks that the hash the API stored has the same parameters, so a change on either side
 * stops the scenario instead of comparing two different costs.
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const EXPECTED_HASH_PREFIX = `$argon2id$v=19$m=${ARGON2ID.memoryCost},t=${ARGON2ID.timeCost},p=${ARGON2ID.parallelism}$`;

/** New for every run: long, random, and free of the email's and username's text (password policy). */
const PASSWORD = `quiet harbor ${randomBytes(12).toString('base64url')} lantern`;

/**
 * Login: one user, the same credentials on every request. A login costs one argon2id verify by
 * design, so the yardstick is not HTTP: it is the raw verify rate of this machine, measured in
 * the same run by servers/argon2-verify.mjs with as many verifies in flight as the load has
 * requests. Everything else a login does (validation, rate limits in Redis, the account read,
 * the session insert, two tokens) should hardly show next to the hashing.
 */
export default defineScenario({
  name: 'login',
  description: 'POST /auth/login with valid credentials (one argon2id verify) vs raw argon2 verify/s',
  request: { method: 'POST', path: '/auth/login' },
  expectedStatus: 200,
  baseline: {
    kind: 'process',
    script: 'bench/servers/argon2-verify.mjs',
    operation: 'argon2id verify',
    options: { password: PASSWORD, hashOptions: ARGON2ID },
  },
  // The auth issue's goal: nothing but the hashing should cost.
  target: { minThroughputRatio: 0.85 },
  async setup({ baseUrl, env, log }) {
    // A new account per run (the bench database is kept), so no earlier run's sessions or hash apply.
    const stamp = Date.now().toString(36);
    const email = `bench-${stamp}@example.com`;
    const signup = await fetch(`${baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, username: `bench_${stamp}`, password: PASSWORD }),
      signal: AbortSignal.timeout(10_000),
    });
    if (signup.status !== 201) {
      throw new Error(`POST /auth/signup answered ${signup.status}: ${(await signup.text()).slice(0, 300)}`);
    }
    await signup.arrayBuffer();

    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [email],
      );
      const stored = rows[0]?.password_hash ?? '(no user row)';
      if (!stored.startsWith(EXPECTED_HASH_PREFIX)) {
        const parameters = stored.split('$').slice(0, 4).join('$');
        throw new Error(
          `the API stored a hash with "${parameters}$", the baseline would hash with "${EXPECTED_HASH_PREFIX}": ` +
            'update ARGON2ID in bench/scenarios/login.ts',
        );
      }
    } finally {
      await client.end();
    }
    log(`signed up ${email}; its hash has the baseline's parameters`);
    return { request: { body: { email, password: PASSWORD } } };
  },
});
