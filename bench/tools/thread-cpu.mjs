// CPU per request, split by thread, for a running server: where does a request's CPU go (main
// thread, libuv pool, GC)? Linux only (/proc). Complements the throughput ratios, which on a
// 2-core machine also include the load generator and the databases sharing the same cores.
//   node bench/tools/thread-cpu.mjs <url> <server pid> [method] [json body]
// e.g. node bench/tools/thread-cpu.mjs http://127.0.0.1:3000/auth/login 1234 POST '{"email":"…","password":"…"}'
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';

const [url, pid, method = 'GET', body] = process.argv.slice(2);
if (!url || !pid) {
  console.error('usage: thread-cpu.mjs <url> <pid> [method] [json body]');
  process.exit(2);
}
const TICKS_PER_MS = 0.1; // USER_HZ is 100 on Linux

function threadTicks() {
  return Object.fromEntries(
    readdirSync(`/proc/${pid}/task`).map((tid) => {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      return [`${tid === pid ? 'main' : 'thread'} ${tid} (${name})`, Number(fields[11]) + Number(fields[12])];
    }),
  );
}

const options = { url, method, connections: 50, headers: { 'content-type': 'application/json' }, body };
await new Promise((resolve) => autocannon({ ...options, duration: 3 }, resolve));
const before = threadTicks();
const result = await new Promise((resolve) => autocannon({ ...options, duration: 10 }, (_error, r) => resolve(r)));
const after = threadTicks();
const requests = result.requests.total;
console.log(`${requests} requests, ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}`);
for (const [thread, ticks] of Object.entries(after)) {
  const msPerRequest = (ticks - (before[thread] ?? 0)) / TICKS_PER_MS / requests;
  if (msPerRequest >= 0.05) console.log(`${thread}: ${msPerRequest.toFixed(2)} ms CPU per request`);
}
