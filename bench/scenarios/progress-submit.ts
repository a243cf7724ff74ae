import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Options, type Result } from 'autocannon';
import pg from 'pg';
import { answersFor, publishedLessons } from '../../test/support/lesson-answers.js';
import { forkPlain, nextMessage } from '../lib/baseline-script.js';
import { startCpuAccount, type CpuPerRequest } from '../lib/cpu-accounting.js';
import { stopProcess, waitUntilIdle, wasInterrupted } from '../lib/processes.js';
import { defineScenario, encodeRequest, type ScenarioContext, type ServerBaseline } from '../lib/scenario.js';
import { readSettings } from '../lib/settings.js';
import { cpuComparison } from '../lib/report.js';
import { cpuMedians, median } from '../lib/stats.js';
import { warmUp } from '../lib/warm-up.js';

const BASELINE: ServerBaseline = {
  kind: 'server',
  script: 'bench/servers/pg-insert.mjs',
  perRequest: 'one INSERT (Fastify + pg)',
};
/** Issue #5's goal, for a load of many learners (`extra`). */
const TARGET_RATIO = 0.35;
/** Learners per connection: consecutive requests rotate over them, so two in flight rarely share one. */
const LEARNERS_PER_CONNECTION = 2;

interface Submission {
  body: { lessonId: number; answers: { exerciseId: string; answer: unknown }[] };
}

/** What autocannon accepts beyond the fields bench/lib/autocannon.d.ts declares. */
type RotatingOptions = Options & {
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
    setupRequest(request: { headers: Record<string, string> }): unknown;
  }[];
};

interface ManyLearnersRound {
  round: number;
  api: RoundFigures;
  baseline: RoundFigures;
  ratio: number;
}

interface RoundFigures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: number;
  errors: number;
  cpu: CpuPerRequest | null;
}

async function signUpLearner(baseUrl: string, label: string): Promise<string> {
  const stamp = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const response = await fetch(`${baseUrl}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-progress-${label}-${stamp}@example.com`,
      username: `bench_p_${stamp}`,
      password: `amber canyon ${randomBytes(12).toString('base64url')} meadow`,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) {
    throw new Error(`POST /auth/signup answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The first published lesson and every answer right. */
async function submission(databaseUrl: string): Promise<Submission> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [lesson] = await publishedLessons(client).finally(() => client.end());
  if (!lesson) throw new Error('the bench database has no published lesson (did the seed run?)');
  return { body: { lessonId: lesson.lessonId, answers: answersFor(lesson) } };
}

/** One round of the same submission, each request under the next learner's token in turn. */
async function rotatingLoad(
  baseUrl: string,
  tokens: readonly string[],
  body: Submission['body'],
  settings: { connections: number; durationSeconds: number },
  serverPid: number | undefined,
): Promise<RoundFigures> {
  const encoded = encodeRequest({ method: 'POST', path: '/progress', body });
  let next = 0;
  const options: RotatingOptions = {
    url: `${baseUrl}/progress`,
    connections: settings.connections,
    pipelining: 1,
    duration: settings.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/progress',
        headers: encoded.headers,
        body: encoded.body,
        setupRequest: (request) => {
          request.headers.authorization = `Bearer ${tokens[next++ % tokens.length]}`;
          return request;
        },
      },
    ],
  };
  const cpu = startCpuAccount(serverPid);
  const result: Result = await autocannon(options);
  // As bench/lib/load.ts: the requests in flight at the deadline are finished and paid for inside the account.
  await waitUntilIdle(serverPid);
  const cpuPerRequest = cpu.stop(Math.max(result.requests.sent, result.requests.total));
  const unexpected = Object.entries(result.statusCodeStats)
    .filter(([status]) => status !== '201')
    .reduce((sum, [, { count }]) => sum + count, 0);
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected,
    errors: result.errors + result.timeouts,
    cpu: cpuPerRequest,
  };
}

/**
 * The realistic load (`extra`): many learners, each submitting now and then. Setup signs up
 * `LEARNERS_PER_CONNECTION × BENCH_CONNECTIONS` learners; every request carries the next one's
 * token, for the API and for the baseline alike (which reads the user id from it, unverified).
 * Same connections, rounds and alternation as the runner's.
 */
async function measureManyLearners({ baseUrl, env, apiPid, log }: ScenarioContext) {
  const settings = readSettings();
  const { body } = await submission(env.DATABASE_URL!);
  const learners = settings.connections * LEARNERS_PER_CONNECTION;
  const tokens: string[] = [];
  // A few sign-ups at a time: each hashes a password.
  for (let start = 0; start < learners; start += 8) {
    const batch = Math.min(8, learners - start);
    tokens.push(...(await Promise.all(Array.from({ length: batch }, () => signUpLearner(baseUrl, 'many')))));
  }
  log(`signed up ${learners} learners; each request goes to the next one`);

  // The rounds' baseline process was stopped before `extra`: a fresh one, started the runner's way.
  const base = forkPlain(BASELINE.script, env);
  const ready = nextMessage<{ port: number }>(base.child, 'ready', base.tail, 60_000);
  base.child.send({ type: 'start', route: { method: 'POST', url: '/progress' }, options: {} });
  const rounds: ManyLearnersRound[] = [];
  const errors: string[] = [];
  try {
    const baselineUrl = `http://127.0.0.1:${(await ready).port}`;
    const load = (durationSeconds: number) => ({ connections: settings.connections, durationSeconds });
    // Requests still in flight when a round stops must not run into the other side's round.
    const api = async (durationSeconds: number) => {
      const figures = await rotatingLoad(baseUrl, tokens, body, load(durationSeconds), apiPid);
      await sleep(500);
      return figures;
    };
    const baseline = async (durationSeconds: number) => {
      const figures = await rotatingLoad(baselineUrl, tokens, body, load(durationSeconds), base.child.pid);
      await waitUntilIdle(base.child.pid);
      return figures;
    };
    await warmUp(settings, async (seconds) => ({ requests: (await api(seconds)).reqPerSec * seconds }), baseline);
    for (let round = 1; round <= settings.rounds && !wasInterrupted(); round++) {
      const apiRound = await api(settings.durationSeconds);
      const baseRound = await baseline(settings.durationSeconds);
      const ratio = apiRound.reqPerSec / baseRound.reqPerSec;
      rounds.push({ round, api: apiRound, baseline: baseRound, ratio });
      log(
        `many learners round ${round}/${settings.rounds}: api ${apiRound.reqPerSec.toFixed(0)} req/s, p99 ${apiRound.p99Ms} ms | ` +
          `baseline ${baseRound.reqPerSec.toFixed(0)} req/s, p99 ${baseRound.p99Ms} ms | ratio ${ratio.toFixed(3)}`,
      );
      for (const [side, figures] of [
        ['api', apiRound],
        ['baseline', baseRound],
      ] as const) {
        if (figures.unexpected > 0 || figures.errors > 0) {
          errors.push(`round ${round}, ${side}: ${figures.unexpected} unexpected statuses, ${figures.errors} errors`);
        }
      }
    }
  } finally {
    await stopProcess(base.child);
  }
  const pick = (select: (round: ManyLearnersRound) => number) => median(rounds.map(select)) ?? NaN;
  const figures = {
    learners,
    ratio: pick((round) => round.ratio),
    p99Ratio: pick((round) => round.api.p99Ms / round.baseline.p99Ms),
    api: { reqPerSec: pick((r) => r.api.reqPerSec), p50Ms: pick((r) => r.api.p50Ms), p99Ms: pick((r) => r.api.p99Ms) },
    baseline: {
      reqPerSec: pick((r) => r.baseline.reqPerSec),
      p50Ms: pick((r) => r.baseline.p50Ms),
      p99Ms: pick((r) => r.baseline.p99Ms),
    },
    cpu: {
      api: cpuMedians(rounds.flatMap((round) => (round.api.cpu ? [round.api.cpu] : []))),
      baseline: cpuMedians(rounds.flatMap((round) => (round.baseline.cpu ? [round.baseline.cpu] : []))),
    },
    target: TARGET_RATIO,
    rounds,
  };
  const verdict = figures.ratio >= TARGET_RATIO ? 'pass' : 'missed';
  const lines = [
    `**progress-submit, many learners** (${learners} learners, each request the next one's token; medians of ` +
      `${rounds.length} rounds): ${figures.api.reqPerSec.toFixed(0)} req/s, p50 ${figures.api.p50Ms} ms, ` +
      `p99 ${figures.api.p99Ms} ms; one INSERT (Fastify + pg), same tokens: ${figures.baseline.reqPerSec.toFixed(0)} req/s, ` +
      `p99 ${figures.baseline.p99Ms} ms. **Ratio ${figures.ratio.toFixed(3)}** (target ≥ ${TARGET_RATIO}: ${verdict}), ` +
      `p99 ratio ${figures.p99Ratio.toFixed(2)}. The rounds above are one hot learner (every request the same learner's).`,
    ...cpuLine(figures.cpu),
  ];
  return { lines, figures, errors };
}

/** Where each side's CPU went per request, and the ratio that leaves room for. */
function cpuLine(cpu: { api: CpuPerRequest | null; baseline: CpuPerRequest | null }): string[] {
  return cpu.api && cpu.baseline ? [cpuComparison(cpu.api, cpu.baseline)] : [];
}

/**
 * A learner submits a lesson attempt, every answer right, with no Idempotency-Key: every request
 * records a new attempt, the realistic write path (grading, then in one transaction the attempt,
 * the progress upsert, the XP ledger, the streak, badges and the outbox). The yardstick is
 * servers/pg-insert.mjs: bare Fastify doing ONE INSERT of the same body per request, loaded with
 * the same requests. So the ratio reads "how much of the machine's one-write-per-request
 * throughput survives everything a real submission does".
 *
 * Two loads. The headline, in `extra`: many learners, each request under the next one's token,
 * as a real app sees it (issue #5's target applies there). The rounds: one hot learner, every
 * request the same (the runner sends identical requests), so up to BENCH_CONNECTIONS submissions
 * queue on that learner's lock (ADR 0010): the lock-contention worst case, no target.
 */
export default defineScenario({
  name: 'progress-submit',
  description:
    'POST /progress, all answers right (grading + one write transaction) vs one INSERT per request: one hot learner (rounds), many learners (extra)',
  request: { method: 'POST', path: '/progress' },
  expectedStatus: 201,
  baseline: BASELINE,
  async setup({ baseUrl, env, log }) {
    // A new learner per run (the bench database is kept), so no earlier run's history applies.
    // Its access token lives 15 minutes by default; a run of this scenario is much shorter.
    const accessToken = await signUpLearner(baseUrl, 'hot');
    const { body } = await submission(env.DATABASE_URL!);
    log(`signed up the hot learner; submitting lesson ${body.lessonId} (${body.answers.length} exercises, all right)`);
    return { request: { headers: { authorization: `Bearer ${accessToken}` }, body } };
  },
  extra: measureManyLearners,
});
