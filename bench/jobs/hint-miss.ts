import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import pg from 'pg';
import type { FakeAiProviders } from '../../test/support/fake-ai-providers.js';
import { QUEUE_CONCURRENCY } from '../../libs/platform/src/queues/queue-names.js';
import { startApi, type RunningServer } from '../lib/api.js';
import type { ExtraMeasurement, ScenarioContext } from '../lib/scenario.js';
import { median, percentile } from '../lib/stats.js';
import {
  askHint,
  hintEnvironment,
  hintExercise,
  PROVIDER_LATENCY_MS,
  signUpLearner,
  startFakeOpenAi,
  startHintWorker,
  stopHintServers,
  type HintBody,
} from './hint-support.js';

/** Issue #7: what the service adds to the provider's own latency, at p50. */
const TARGET_ADDED_P50_MS = 15;
const ROUNDS = 3;
const HINTS_PER_ROUND = 100;
/**
 * Requests in flight: as many hint jobs as one worker process runs at once. More would wait in
 * the queue for a free job slot, which is capacity, not the per-hint overhead measured here.
 */
const IN_FLIGHT = QUEUE_CONCURRENCY.hints;
const WARM_UP = 4 * IN_FLIGHT;

interface Latencies {
  p50: number;
  p99: number;
}

interface MissRound {
  round: number;
  service: Latencies;
  direct: Latencies;
  addedP50Ms: number;
}

/**
 * `hint`'s cache misses. An API and a worker of their own (built, with HINT_CACHE_TTL_SECONDS=0,
 * so nothing is cached or read from the cache), over a fake OpenAI that answers after a fixed
 * PROVIDER_LATENCY_MS. Each request differs (its own userAnswer, level 1 to 3), IN_FLIGHT at a
 * time; its latency runs from sending POST /ai/hint to the last byte of the answer: the API
 * (quota, pending row, job), the queue, the worker (routing, prompt, provider slot, the SDK call,
 * the guard, the row), the queue's event and the API's read of the hint. Baseline, alternating
 * with it round by round: the very requests the worker sent that round, sent again straight with
 * the openai SDK to the same fake, as many in flight. Added p50 = p50(service) − p50(direct).
 */
export async function measureHintMisses({ env, log }: ScenarioContext): Promise<ExtraMeasurement> {
  const fake = await startFakeOpenAi();
  let api: RunningServer | undefined;
  let worker: RunningServer | undefined;
  try {
    const missEnv = { ...hintEnvironment(env, fake), HINT_CACHE_TTL_SECONDS: '0' };
    api = await startApi(missEnv);
    worker = await startHintWorker(missEnv);
    const { lessonId, exerciseId } = await hintExercise(env.DATABASE_URL);
    const { accessToken } = await signUpLearner(api.baseUrl, 'hint-miss');
    const stamp = Date.now().toString(36);
    const bodies = (round: number, count: number): HintBody[] =>
      Array.from({ length: count }, (_, index) => ({
        lessonId,
        exerciseId,
        level: ((index % 3) + 1) as HintBody['level'],
        userAnswer: `guess ${stamp}-${round}-${index}`,
      }));
    const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.baseUrls.openai, maxRetries: 0 });
    const service = (body: HintBody) => askHint(api!.baseUrl, accessToken, body);
    const direct = (request: ChatCompletionCreateParamsNonStreaming) => sdk.chat.completions.create(request);

    // JIT, pools, the API's queue-events connection (opened on the first miss) settle first.
    const warmUp = await pairedRound(fake, bodies(0, WARM_UP), service, direct);
    assertOpenAi(warmUp.answers, warmUp.calls);
    const { rounds, all } = await missRounds(
      (round) => pairedRound(fake, bodies(round, HINTS_PER_ROUND), service, direct),
      log,
    );
    const workerOwn = await workerLatencies(env.DATABASE_URL, all.ids);
    return report(rounds, latencies(all.service), latencies(all.direct), workerOwn);
  } finally {
    await stopHintServers([api, worker], fake);
  }
}

type PairedRound = Awaited<ReturnType<typeof pairedRound>>;

/** ROUNDS paired rounds: each one's latencies and, pooled over all of them, every sample and hint id. */
async function missRounds(run: (round: number) => Promise<PairedRound>, log: (line: string) => void) {
  const rounds: MissRound[] = [];
  const all = { service: [] as number[], direct: [] as number[], ids: [] as number[] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const measured = await run(round);
    assertOpenAi(measured.answers, measured.calls);
    all.service.push(...measured.service);
    all.direct.push(...measured.direct);
    all.ids.push(...measured.answers.map((answer) => answer.id));
    const service = latencies(measured.service);
    const direct = latencies(measured.direct);
    rounds.push({ round, service, direct, addedP50Ms: service.p50 - direct.p50 });
    log(
      `miss round ${round}: service p50 ${service.p50.toFixed(1)} ms, p99 ${service.p99.toFixed(1)} | ` +
        `direct p50 ${direct.p50.toFixed(1)} ms, p99 ${direct.p99.toFixed(1)} | ` +
        `added p50 ${(service.p50 - direct.p50).toFixed(1)} ms`,
    );
  }
  return { rounds, all };
}

/** One side's round, then the other's: the hints, then the provider calls they made, straight. */
async function pairedRound(
  fake: FakeAiProviders,
  bodies: HintBody[],
  service: (body: HintBody) => Promise<{ id: number; provider: string; cached: boolean }>,
  direct: (request: ChatCompletionCreateParamsNonStreaming) => Promise<unknown>,
) {
  const before = fake.requests('openai').length;
  const hints = await timedInFlight(bodies, service);
  const calls = fake.requests('openai').slice(before);
  const requests = calls.map((call) => call.body as ChatCompletionCreateParamsNonStreaming);
  const straight = await timedInFlight(requests, direct);
  return { answers: hints.results, calls: calls.length, service: hints.ms, direct: straight.ms };
}

/** Runs `run` over `items`, IN_FLIGHT at a time; the latency of each, in ms. */
async function timedInFlight<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<{ ms: number[]; results: R[] }> {
  const ms: number[] = [];
  const results: R[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      const started = performance.now();
      results.push(await run(item));
      ms.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return { ms, results };
}

/** A hint from the grounded fallback, the cache, or a second OpenAI call would measure something else. */
function assertOpenAi(answers: Array<{ provider: string; cached: boolean }>, providerCalls: number): void {
  const wrong = answers.filter((answer) => answer.provider !== 'openai' || answer.cached);
  if (wrong.length > 0 || providerCalls !== answers.length) {
    throw new Error(
      `${wrong.length} of ${answers.length} hints not fresh from OpenAI (e.g. ${JSON.stringify(wrong[0] ?? null)}), ` +
        `${providerCalls} calls to the fake OpenAI: the miss figures would not measure the OpenAI path`,
    );
  }
}

function latencies(ms: number[]): Latencies {
  return { p50: percentile(ms, 50) ?? Number.NaN, p99: percentile(ms, 99) ?? Number.NaN };
}

/** The worker's own time per hint (hint_requests.latency_ms: from reading the request to the hint written). */
async function workerLatencies(databaseUrl: string | undefined, ids: number[]): Promise<Latencies> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ latency_ms: number }>(
      'SELECT latency_ms FROM hint_requests WHERE hint_request_id = ANY($1::bigint[])',
      [ids],
    );
    return latencies(rows.map((row) => row.latency_ms));
  } finally {
    await client.end();
  }
}

function report(rounds: MissRound[], service: Latencies, direct: Latencies, workerOwn: Latencies): ExtraMeasurement {
  const addedP50Ms = service.p50 - direct.p50;
  const pass = addedP50Ms < TARGET_ADDED_P50_MS;
  const perRound = rounds.map((round) => round.addedP50Ms.toFixed(1)).join(', ');
  const ms = (value: number): string => value.toFixed(1);
  return {
    figures: {
      providerLatencyMs: PROVIDER_LATENCY_MS,
      inFlight: IN_FLIGHT,
      hints: rounds.length * HINTS_PER_ROUND,
      service,
      direct,
      workerOwn,
      addedP50Ms,
      addedP99Ms: service.p99 - direct.p99,
      p50Ratio: service.p50 / direct.p50,
      medianRoundAddedP50Ms: median(rounds.map((round) => round.addedP50Ms)),
      target: { maxAddedP50Ms: TARGET_ADDED_P50_MS, pass },
      rounds,
    },
    lines: [
      `hint, cache miss (extra): ${rounds.length * HINTS_PER_ROUND} hints, each different, ${IN_FLIGHT} in flight, ` +
        `fake OpenAI answering after ${PROVIDER_LATENCY_MS} ms; HINT_CACHE_TTL_SECONDS=0`,
      '',
      '| path | p50 ms | p99 ms |',
      '| --- | --- | --- |',
      `| service: API → queue → worker → fake OpenAI → API | ${ms(service.p50)} | ${ms(service.p99)} |`,
      `| of which in the worker (hint_requests.latency_ms) | ${ms(workerOwn.p50)} | ${ms(workerOwn.p99)} |`,
      `| direct: openai SDK → fake OpenAI (the same requests) | ${ms(direct.p50)} | ${ms(direct.p99)} |`,
      `| added by the service | **${ms(addedP50Ms)}** | ${ms(service.p99 - direct.p99)} |`,
      '',
      `Added p50 ${ms(addedP50Ms)} ms (target < ${TARGET_ADDED_P50_MS} ms: ${pass ? 'pass' : '**fail**'}), ` +
        `p50 ratio ${(service.p50 / direct.p50).toFixed(3)}; added p50 per round: ${perRound} ms.`,
    ],
    errors: [],
  };
}
