// A process baseline: the raw argon2 verify rate of this machine, for the `login` scenario (a login
// should cost one verify and next to nothing else). It hashes one password once, then, per round,
// keeps `concurrency` verifies of that hash in flight (like the HTTP load keeps that many requests
// in flight) for `durationSeconds`, and reports verifies/s and the latency of each verify.
//
// Plain JavaScript, like baseline.mjs: the TypeScript loader would add ~100 MiB of RSS. The runner
// starts it with the API's environment, so both use the same libuv threadpool (UV_THREADPOOL_SIZE),
// where @node-rs/argon2 runs its work.
//
// Protocol (IPC, started by bench/lib/baseline.ts with `fork`):
//   parent { type: 'start', options: { password, hashOptions } } → child { type: 'ready', info }
//   parent { type: 'run', concurrency, durationSeconds }         → child { type: 'result', operations,
//                                                                   opsPerSec, p50Ms, p99Ms, errors,
//                                                                   finishedLate }
//   any failure → child { type: 'error', error }. SIGTERM ends it.
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { hash, verify } from '@node-rs/argon2';

let passwordHash;
let password;

/** Nearest-rank percentile of sorted values, to 0.1 ms. */
function percentile(sorted, fraction) {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

async function start({ password: plain, hashOptions }) {
  password = plain;
  passwordHash = await hash(password, hashOptions);
  if (!(await verify(passwordHash, password))) throw new Error('verify rejected the password it was just hashed with');
  // "$argon2id$v=19$m=19456,t=2,p=1$salt$hash": keep the parameters, never the salt or the hash.
  const parameters = passwordHash.split('$').slice(1, 4).join('$');
  return {
    hash: `$${parameters}`,
    uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE || '4 (libuv default)',
  };
}

/** `concurrency` loops, each starting a new verify as soon as its last one ends, until the deadline. */
async function run({ concurrency, durationSeconds }) {
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const latencies = [];
  let errors = 0;
  let finishedLate = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      let ok;
      try {
        ok = await verify(passwordHash, password);
      } catch {
        ok = false;
      }
      const end = performance.now();
      // Like the load generator: what completes after the deadline is not counted. Every loop
      // still finishes its verify before the answer, so no work spills into the next round.
      if (end > deadline) {
        finishedLate++;
        break;
      }
      if (ok) latencies.push(end - begin);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    opsPerSec: latencies.length / durationSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
    finishedLate,
  };
}

process.on('message', (message) => {
  const work = message.type === 'start' ? start(message.options) : message.type === 'run' ? run(message) : undefined;
  if (!work) return;
  work.then(
    (answer) =>
      process.send(message.type === 'start' ? { type: 'ready', info: answer } : { type: 'result', ...answer }),
    (error) => process.send({ type: 'error', error: error?.stack ?? String(error) }),
  );
});
// The IPC channel keeps this process alive between rounds; SIGTERM ends it.
process.once('SIGTERM', () => process.exit(0));
