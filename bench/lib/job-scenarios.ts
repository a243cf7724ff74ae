import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RESULTS_DIRECTORY } from './report.js';

export interface JobScenarioContext {
  env: Readonly<Record<string, string>>;
  rounds: number;
  log(line: string): void;
}

/** What every job scenario's result has; the rest (and the JSON written) is its own. */
export interface JobResult {
  scenario: string;
  errors: string[];
}

/** A job scenario's result and its lines for the console and summary.md. */
export interface JobOutcome {
  result: JobResult;
  lines: string[];
}

interface JobModule<R extends JobResult> {
  measure(context: JobScenarioContext): Promise<R>;
  resultLines(result: R): string[];
}

/** Loads the scenario's module only when it runs, and pairs its result with its own formatter. */
function jobScenario<R extends JobResult>(load: () => Promise<JobModule<R>>) {
  return async (context: JobScenarioContext): Promise<JobOutcome> => {
    const job = await load();
    const result = await job.measure(context);
    return { result, lines: job.resultLines(result) };
  };
}

/**
 * Scenarios that measure something other than one HTTP request under autocannon (bench/jobs/):
 * the runner calls them with the prepared bench database and Redis, before it starts the API, and
 * each reports against a baseline of its own, measured in the same run.
 */
export const JOB_SCENARIOS: Readonly<Record<string, (context: JobScenarioContext) => Promise<JobOutcome>>> = {
  reminders: jobScenario(async () => {
    const [{ measure }, { resultLines }] = await Promise.all([
      import('../jobs/reminders.js'),
      import('../jobs/reminders-report.js'),
    ]);
    return { measure, resultLines };
  }),
  soak: jobScenario(() => import('../jobs/soak.js')),
};

export const isJobScenario = (name: string): boolean => Object.hasOwn(JOB_SCENARIOS, name);

/** Run only when named (`npm run bench -- soak`): ten minutes is too long for "every scenario". */
export const NAMED_ONLY: ReadonlySet<string> = new Set(['soak']);

export async function writeJobResult(result: JobResult): Promise<string> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const file = path.join(RESULTS_DIRECTORY, `${result.scenario}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
