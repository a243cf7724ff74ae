import type { ChildProcess } from 'node:child_process';
import type { RunningServer } from './api.js';
import { forkPlain, nextMessage } from './baseline-script.js';
import { runLoad, type LoadSettings, type RoundMeasurement } from './load.js';
import { startCpuAccount } from './cpu-accounting.js';
import { OutputTail, startRssSampler, stopProcess } from './processes.js';
import { record, type RecordedResponse } from './record.js';
import type { ProcessBaseline, ScenarioBaseline, ScenarioRequest } from './scenario.js';
import { startServerBaseline } from './server-baseline.js';

/** What a scenario was divided by, as written in its result JSON. */
export type BaselineDescription =
  | { kind: 'same-bytes'; script: string }
  | {
      kind: 'process';
      script: string;
      /** e.g. `argon2id verify`: the baseline's "req/s" are these per second. */
      operation: string;
      /** Whatever the script reported when ready (parameters, threadpool size…). */
      info: Record<string, unknown>;
    }
  | {
      kind: 'server';
      script: string;
      /** e.g. `one INSERT (Fastify + pg)`: what the baseline server does for each request. */
      perRequest: string;
      /** Whatever the script reported when listening (pool size, table…). */
      info: Record<string, unknown>;
    };

/** A started baseline of any kind. The runner calls `measure` in the rounds between the scenario's. */
export interface Baseline {
  /** For messages: `baseline`. */
  name: string;
  /** Per second of what `measure` counts: `req/s`, or e.g. `argon2id verify/s`. */
  unit: string;
  process: ChildProcess;
  tail: OutputTail;
  description: BaselineDescription;
  measure(settings: LoadSettings): Promise<RoundMeasurement>;
}

const SAME_BYTES_SCRIPT = 'bench/servers/baseline.mjs';

/**
 * The default baseline: a fresh Fastify process for this scenario's route (fresh, so its RSS is
 * that of one route) answering the recorded bytes, checked to replay them exactly.
 */
async function startSameBytesBaseline(
  request: ScenarioRequest,
  response: RecordedResponse,
  expectedStatus: number | undefined,
): Promise<Baseline> {
  const { child, tail } = forkPlain(SAME_BYTES_SCRIPT);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`the baseline server exited (${code}):\n${tail}`)));
      child.send({
        method: request.method,
        path: request.path,
        status: response.status,
        contentType: response.contentType,
        bodyBase64: response.body.toString('base64'),
      });
    });
    const server: RunningServer = { name: 'baseline', baseUrl: `http://127.0.0.1:${port}`, process: child, tail };
    const replayed = await record(server.baseUrl, request);
    if (replayed.status !== response.status || !replayed.body.equals(response.body)) {
      throw new Error(
        `the baseline does not replay the API's answer (got ${replayed.status}, ${replayed.body.length} bytes)`,
      );
    }
    return {
      name: 'baseline',
      unit: 'req/s',
      process: child,
      tail,
      description: { kind: 'same-bytes', script: SAME_BYTES_SCRIPT },
      measure: (settings) => runLoad(server, 'baseline', request, settings, expectedStatus),
    };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** What a process baseline script answers to `run` (protocol in bench/README.md). */
interface OperationRound {
  type: 'result';
  /** Operations completed within the round's duration. */
  operations: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Operations that failed (threw, or gave the wrong answer). */
  errors: number;
  /**
   * Operations in flight at the deadline, finished before the answer: not counted in `operations`,
   * but their CPU is in the round's account, so CPU per operation divides by them too.
   */
  finishedLate?: number;
}

/** Starts a process baseline and waits until it is ready (it may do costly preparation first). */
async function startProcessBaseline(spec: ProcessBaseline, env: Record<string, string>): Promise<Baseline> {
  // The API's environment, so both share what tunes the runtime (UV_THREADPOOL_SIZE, NODE_OPTIONS…).
  const { child, tail } = forkPlain(spec.script, env);
  let info: Record<string, unknown>;
  try {
    const ready = nextMessage<{ info?: Record<string, unknown> }>(child, 'ready', tail, 60_000);
    child.send({ type: 'start', options: spec.options ?? {} });
    info = (await ready).info ?? {};
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    name: 'baseline',
    unit: `${spec.operation}/s`,
    process: child,
    tail,
    description: { kind: 'process', script: spec.script, operation: spec.operation, info },
    async measure(settings) {
      const rss = startRssSampler(child.pid);
      const cpu = startCpuAccount(child.pid);
      try {
        const result = nextMessage<OperationRound>(child, 'result', tail, (settings.durationSeconds + 60) * 1000);
        child.send({ type: 'run', concurrency: settings.connections, durationSeconds: settings.durationSeconds });
        const { operations, opsPerSec, p50Ms, p99Ms, errors, finishedLate = 0 } = await result;
        return {
          target: 'baseline',
          reqPerSec: opsPerSec,
          p50Ms,
          p99Ms,
          rssMiB: rss.stop() ?? null,
          cpu: cpu.stop(operations + finishedLate),
          requests: operations,
          errors,
          timeouts: 0,
          statusCounts: {},
          unexpectedStatuses: 0,
        };
      } finally {
        rss.stop();
      }
    },
  };
}

/** Starts the baseline the scenario declares (same-bytes by default). */
export function startBaseline(
  spec: ScenarioBaseline | undefined,
  context: {
    request: ScenarioRequest;
    recorded: RecordedResponse;
    expectedStatus: number | undefined;
    env: Record<string, string>;
  },
): Promise<Baseline> {
  if (spec === undefined || spec === 'same-bytes') {
    return startSameBytesBaseline(context.request, context.recorded, context.expectedStatus);
  }
  if (spec.kind === 'server') {
    return startServerBaseline(spec, context.request, context.expectedStatus, context.env);
  }
  return startProcessBaseline(spec, context.env);
}
