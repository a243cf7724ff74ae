import type { RunningServer } from './api.js';
import { totalCpuMs, type CpuPerRequest } from './cpu-accounting.js';
import { startBaseline, type Baseline } from './baseline.js';
import { runLoad, type LoadSettings } from './load.js';
import { stopProcess, waitUntilIdle, wasInterrupted } from './processes.js';
import type { MachineInfo, RunSettings, ScenarioResult } from './report.js';
import { record } from './record.js';
import { resolveRequest, type Scenario, type ScenarioContext } from './scenario.js';
import { evaluateTarget, isExpectedStatus, mediansOf, pairedRatios, roundProblems } from './stats.js';
import { warmUp } from './warm-up.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** A dead server only produces connection errors: stop there and say why instead. */
function assertAlive(server: Pick<RunningServer, 'name' | 'process' | 'tail'>): void {
  const { exitCode, signalCode } = server.process;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`the ${server.name} process exited (${signalCode ?? exitCode}); its last output:\n${server.tail}`);
  }
}

function contextFor(scenario: Scenario, api: RunningServer, env: Record<string, string>): ScenarioContext {
  return {
    baseUrl: api.baseUrl,
    env,
    apiPid: api.process.pid,
    log: (line: string) => log(`  [${scenario.name}] ${line}`),
  };
}

function describeRound(
  unit: string,
  round: { reqPerSec: number; p50Ms: number; p99Ms: number; rssMiB: number | null; cpu: CpuPerRequest | null },
): string {
  const cpu = round.cpu ? `, CPU/req ${totalCpuMs(round.cpu).toFixed(2)} ms` : '';
  return `${round.reqPerSec.toFixed(0)} ${unit}, p50 ${round.p50Ms} ms, p99 ${round.p99Ms} ms, RSS ${round.rssMiB?.toFixed(0) ?? '?'} MiB${cpu}`;
}

/**
 * Setup, probe, start the baseline (same-bytes, a process or a server), warm both up, then
 * alternate scenario and baseline rounds.
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
  let baseline: Baseline | undefined;
  try {
    assertAlive(api);
    const context = contextFor(scenario, api, env);
    const request = resolveRequest(scenario.request, (await scenario.setup?.(context))?.request);
    result.request = { method: request.method, path: request.path };

    const recorded = await record(api.baseUrl, request);
    result.response = { status: recorded.status, contentType: recorded.contentType, bytes: recorded.body.length };
    if (!isExpectedStatus(recorded.status, scenario.expectedStatus)) {
      const excerpt = recorded.body.toString('utf8').slice(0, 300);
      throw new Error(`the probe ${request.method} ${request.path} answered ${recorded.status}: ${excerpt}`);
    }

    const base = await startBaseline(scenario.baseline, {
      request,
      recorded,
      expectedStatus: scenario.expectedStatus,
      env,
    });
    baseline = base; // for `finally`
    result.baseline = base.description;

    // Each side's round ends once its process is idle again: requests still in flight when the load
    // stops (a login's hashing, say) must not run during the other side's round.
    const settle = async (name: string, pid: number | undefined): Promise<void> => {
      if ((await waitUntilIdle(pid)) === null) log(`    (the ${name} was still busy 5 s after its round; going on)`);
    };
    const measureApi = async (load: LoadSettings) => {
      const measured = await runLoad(api, 'scenario', request, load, scenario.expectedStatus);
      await settle('API', api.process.pid);
      return measured;
    };
    const measureBaseline = async (load: LoadSettings) => {
      const measured = await base.measure(load);
      await settle('baseline', base.process.pid);
      return measured;
    };
    const load = (durationSeconds: number): LoadSettings => ({ connections: settings.connections, durationSeconds });
    // JIT, pools and caches settle before anything counts.
    await warmUp(
      settings,
      (seconds) => measureApi(load(seconds)),
      (seconds) => measureBaseline(load(seconds)),
    );

    // Interleaved A B A B: slow drift of the machine hits both sides alike.
    for (let round = 1; round <= settings.rounds; round++) {
      if (wasInterrupted()) throw new Error('interrupted');
      assertAlive(api);
      assertAlive(base);
      const measured = await measureApi(load(settings.durationSeconds));
      const baseMeasured = await measureBaseline(load(settings.durationSeconds));
      const problems = [
        ...roundProblems(measured).map((problem) => `scenario: ${problem}`),
        ...roundProblems(baseMeasured).map((problem) => `baseline: ${problem}`),
      ];
      result.rounds.push({ round, scenario: measured, baseline: baseMeasured, problems });
      log(
        `  ${scenario.name} round ${round}/${settings.rounds}: api ${describeRound('req/s', measured)} | ${base.name} ${describeRound(base.unit, baseMeasured)}`,
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
  if (scenario.extra && !wasInterrupted()) await runExtra(scenario, api, env, result);
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

/** The scenario's own measurement after its rounds; like the rounds, it never throws. */
async function runExtra(
  scenario: Scenario,
  api: RunningServer,
  env: Record<string, string>,
  result: ScenarioResult,
): Promise<void> {
  const context = contextFor(scenario, api, env);
  try {
    const { lines, figures, errors } = await scenario.extra!(context);
    result.extra = { lines, figures };
    for (const error of errors) result.errors.push(`extra: ${error}`);
  } catch (error) {
    result.errors.push(`extra: ${(error as Error).message}`);
    log(`  ${scenario.name} (extra): ${(error as Error).message}`);
  }
}
