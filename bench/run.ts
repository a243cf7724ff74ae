// `npm run bench [scenario ...]`: measures each scenario against the built API and, in the same
// run, against its baseline (a bare Fastify server replaying the same bytes, or the raw rate of
// the one operation the scenario should cost). See bench/README.md.
import { assertBuilt, benchEnvironment, prepareDatabase, startApi, type RunningServer } from './lib/api.js';
import { stopCurrentLoad } from './lib/load.js';
import { installCleanup, stopAll, stopProcess } from './lib/processes.js';
import {
  machineInfo,
  summaryMarkdown,
  tableWithNotes,
  writeScenarioResult,
  writeSummary,
  type ScenarioResult,
} from './lib/report.js';
import { runScenario } from './lib/run-scenario.js';
import { isJobScenario, JOB_SCENARIOS, NAMED_ONLY, writeJobResult } from './lib/job-scenarios.js';
import { availableScenarios, loadScenario, type Scenario } from './lib/scenario.js';
import { readSettings } from './lib/settings.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  installCleanup(stopCurrentLoad);
  // The URL stays out of the result files: it may carry a password.
  const { databaseUrl, ...settings } = readSettings();
  assertBuilt();

  const available = [...(await availableScenarios()), ...Object.keys(JOB_SCENARIOS)].sort();
  const names =
    process.argv.slice(2).length > 0 ? process.argv.slice(2) : available.filter((name) => !NAMED_ONLY.has(name));
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown scenario(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  }
  const scenarios: Scenario[] = [];
  for (const name of names.filter((name) => !isJobScenario(name))) scenarios.push(await loadScenario(name));
  const jobNames = names.filter(isJobScenario);

  const env = benchEnvironment(databaseUrl);
  log(`Preparing ${databaseUrl.replace(/\/\/[^@]*@/, '//')} …`);
  await prepareDatabase(env, (line) => log(`  ${line}`));

  // Background-work scenarios first, with the database and Redis alone (no API running).
  const jobLines: string[] = [];
  const failedJobs: string[] = [];
  for (const name of jobNames) {
    log(`${name}: background work (bench/jobs/${name}.ts)`);
    const { result, lines } = await JOB_SCENARIOS[name]!({ env, rounds: settings.rounds, log });
    jobLines.push(...lines, '');
    if (result.errors.length > 0) failedJobs.push(`${name} errored: ${result.errors.join('; ')}`);
    log(`  wrote ${await writeJobResult(result)}`);
  }

  let api: RunningServer | undefined;
  const results: ScenarioResult[] = [];
  const machine = machineInfo();
  try {
    if (scenarios.length > 0) api = await startApi(env);
    if (api) log(`API ready at ${api.baseUrl} (pid ${api.process.pid})`);
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.description}`);
      const result = await runScenario(scenario, api!, env, settings, machine);
      results.push(result);
      log(`  wrote ${await writeScenarioResult(result)}`);
    }
  } finally {
    if (api) await stopProcess(api.process);
  }

  const summaryFile = await writeSummary([summaryMarkdown(results, settings, machine), ...jobLines].join('\n'));
  if (results.length > 0) process.stdout.write(`\n${tableWithNotes(results)}\n\n`);
  if (jobLines.length > 0) process.stdout.write(`\n${jobLines.join('\n')}\n`);
  log(`Summary: ${summaryFile}`);
  const failed = results.filter((result) => result.errors.length > 0);
  for (const result of failed) log(`${result.scenario} errored: ${result.errors.join('; ')}`);
  for (const line of failedJobs) log(line);
  return failed.length > 0 || failedJobs.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`bench: ${(error as Error).message}`);
  await stopAll();
  process.exitCode = 1;
}
