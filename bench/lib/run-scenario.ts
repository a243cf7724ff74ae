import type { RunningServer } from './api.js';
import { startBaseline, type RecordedResponse } from './baseline.js';
import { runLoad } from './load.js';
import { stopProcess, wasInterrupted } from './processes.js';
import type { MachineInfo, RunSettings, ScenarioResult } from './report.js';
import { encodeRequest, resolveRequest, type Scenario, type ScenarioRequest } from './scenario.js';
import { evaluateTarget, isExpectedStatus, mediansOf, pairedRatios, roundProblems } from './stats.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** A dead server only produces connection errors: stop there and say why instead. */
function assertAlive(server: RunningServer): void {
  const { exitCode, signalCode } = server.process;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`the ${server.name} process exited (${signalCode ?? exitCode}); its last output:\n${server.tail}`);
  }
}

/** Sends the request once and keeps the exact answer, for the baseline to replay. */
async function record(baseUrl: string, request: ScenarioRequest): Promise<RecordedResponse> {
  const { method, headers, body } = encodeRequest(request);
  // identity: autocannon asks for no compression, so the probe must see the same bytes it will.
  const response = await fetch(baseUrl + request.path, {
    method,
    headers: { 'accept-encoding': 'identity', ...headers },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function describeRound(
  server: string,
  round: { reqPerSec: number; p50Ms: number; p99Ms: number; rssMiB: number | null },
): string {
  return `${server} ${round.reqPerSec.toFixed(0)} req/s, p50 ${round.p50Ms} ms, p99 ${round.p99Ms} ms, RSS ${round.rssMiB?.toFixed(0) ?? '?'} MiB`;
}

/**
 * Setup, probe, start the baseline, warm both up, then alternate scenario and baseline rounds.
 * Never throws: whatever goes wrong ends up in `errors`, so one broken scenario cannot hide the rest.
 */
export async function runScenario(
  scenario: Scenario,
  api: RunningServer,
  env: Record<string, string>,
  settings: RunSettings,
  machine: MachineInfo,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    scenario: scenario.name,
    description: scenario.description,
    request: { method: scenario.request.method, path: scenario.request.path },
    settings,
    machine,
    rounds: [],
    target: scenario.target,
    targetVerdict: null,
    errors: [],
  };
  let baseline: RunningServer | undefined;
  try {
    assertAlive(api);
    const context = { baseUrl: api.baseUrl, env, log: (line: string) => log(`  [${scenario.name}] ${line}`) };
    const request = resolveRequest(scenario.request, (await scenario.setup?.(context))?.request);
    result.request = { method: request.method, path: request.path };

    const recorded = await record(api.baseUrl, request);
    result.response = { status: recorded.status, contentType: recorded.contentType, bytes: recorded.body.length };
    if (!isExpectedStatus(recorded.status, scenario.expectedStatus)) {
      const excerpt = recorded.body.toString('utf8').slice(0, 300);
      throw new Error(`the probe ${request.method} ${request.path} answered ${recorded.status}: ${excerpt}`);
    }

    baseline = await startBaseline(request.method, request.path, recorded);
    const replayed = await record(baseline.baseUrl, request);
    if (replayed.status !== recorded.status || !replayed.body.equals(recorded.body)) {
      throw new Error(
        `the baseline does not replay the API's answer (got ${replayed.status}, ${replayed.body.length} bytes)`,
      );
    }

    const measure = (server: RunningServer, target: 'scenario' | 'baseline', durationSeconds: number) =>
      runLoad(server, target, request, { connections: settings.connections, durationSeconds }, scenario.expectedStatus);
    if (settings.warmupSeconds > 0) {
      // JIT, pools and caches settle before anything counts.
      await measure(api, 'scenario', settings.warmupSeconds);
      await measure(baseline, 'baseline', settings.warmupSeconds);
    }

    // Interleaved A B A B: slow drift of the machine hits both sides alike.
    for (let round = 1; round <= settings.rounds; round++) {
      if (wasInterrupted()) throw new Error('interrupted');
      assertAlive(api);
      assertAlive(baseline);
      const measured = await measure(api, 'scenario', settings.durationSeconds);
      const base = await measure(baseline, 'baseline', settings.durationSeconds);
      const problems = [
        ...roundProblems(measured).map((problem) => `scenario: ${problem}`),
        ...roundProblems(base).map((problem) => `baseline: ${problem}`),
      ];
      result.rounds.push({ round, scenario: measured, baseline: base, problems });
      log(
        `  ${scenario.name} round ${round}/${settings.rounds}: ${describeRound('api', measured)} | ${describeRound('baseline', base)}`,
      );
      for (const problem of problems) {
        result.errors.push(`round ${round}: ${problem}`);
        log(`    ! ${problem}`);
      }
    }
  } catch (error) {
    result.errors.push((error as Error).message);
    log(`  ${scenario.name}: ${(error as Error).message}`);
  } finally {
    if (baseline) await stopProcess(baseline.process);
  }
  if (result.rounds.length > 0) {
    // Also after a failure: the rounds that did run are still worth seeing (flagged as errors).
    const scenarioRounds = result.rounds.map((round) => round.scenario);
    result.medians = {
      scenario: mediansOf(scenarioRounds),
      baseline: mediansOf(result.rounds.map((round) => round.baseline)),
    };
    result.ratios = pairedRatios(result.rounds);
    result.targetVerdict = evaluateTarget(scenario.target, result.medians.scenario, result.ratios);
  }
  return result;
}
