// CPU per request, split by thread, for a running server: where does a request's CPU go (main
// thread, libuv pool, GC)? Linux only (/proc). Complements the throughput ratios, which on a
// 2-core machine also include the load generator and the databases sharing the same cores.
//   node bench/tools/thread-cpu.mjs <url> <server pid> [method] [json body]
// e.g. node bench/tools/thread-cpu.mjs http://127.0.0.1:3000/auth/login 1234 POST '{"email":"…","password":"…"}'
// Optional environment:
//   OTHER_PIDS=<pid>,<pid>…   also report these processes (all their threads), e.g. Redis, PostgreSQL backends
//   HEADERS='{"if-none-match":"\"abc\""}'   extra request headers (JSON)
//   RATE=<requests per second>   a fixed rate instead of as fast as it answers (e.g. under a rate limit)
// Each line gives user + system CPU per request; system time is the kernel's share (socket writes,
// loopback TCP), which a V8 profile shows as time "in" writev and cannot tell from preemption.
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';

const [url, pid, method = 'GET', body] = process.argv.slice(2);
if (!url || !pid) {
  console.error('usage: thread-cpu.mjs <url> <pid> [method] [json body]');
  process.exit(2);
}
const otherPids = (process.env.OTHER_PIDS ?? '').split(',').filter(Boolean);
const TICKS_PER_MS = 0.1; // USER_HZ is 100 on Linux

function ticksOf(statPath) {
  const fields = readFileSync(statPath, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

function threadTicks() {
  const threads = readdirSync(`/proc/${pid}/task`).map((tid) => {
    const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    return [`${tid === pid ? 'main' : 'thread'} ${tid} (${name})`, ticksOf(`/proc/${pid}/task/${tid}/stat`)];
  });
  const others = otherPids.flatMap((other) => {
    try {
      const name = readFileSync(`/proc/${other}/comm`, 'utf8').trim();
      return [[`process ${other} (${name})`, ticksOf(`/proc/${other}/stat`)]];
    } catch {
      return [];
    }
  });
  return Object.fromEntries([...threads, ...others]);
}

const headers = { 'content-type': 'application/json', ...JSON.parse(process.env.HEADERS ?? '{}') };
const rate = process.env.RATE ? { overallRate: Number(process.env.RATE) } : {};
const options = { url, method, connections: 50, headers, body, ...rate };
await new Promise((resolve) => autocannon({ ...options, duration: 3 }, resolve));
const before = threadTicks();
const selfBefore = process.cpuUsage();
const result = await new Promise((resolve) => autocannon({ ...options, duration: 10 }, (_error, r) => resolve(r)));
const self = process.cpuUsage(selfBefore);
const after = threadTicks();
const requests = result.requests.total;
console.log(`${requests} requests, ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}`);
const perRequest = (ticks) => (ticks / TICKS_PER_MS / requests) * 1000;
for (const [thread, ticks] of Object.entries(after)) {
  const start = before[thread] ?? { user: 0, system: 0 };
  const user = perRequest(ticks.user - start.user);
  const system = perRequest(ticks.system - start.system);
  if (user + system >= 0.5) {
    console.log(
      `${thread}: ${(user + system).toFixed(1)} µs CPU per request (user ${user.toFixed(1)}, system ${system.toFixed(1)})`,
    );
  }
}
const loadUser = self.user / requests;
const loadSystem = self.system / requests;
console.log(
  `load generator (this process): ${(loadUser + loadSystem).toFixed(1)} µs per request (user ${loadUser.toFixed(1)}, system ${loadSystem.toFixed(1)})`,
);
