import pg from 'pg';
import { publishedLessons, type PublishedLessonKey } from '../../test/support/lesson-answers.js';
import { startTopology, type ProcessEnd } from '../../test/support/topology.js';
import type { JobScenarioContext } from '../lib/job-scenarios.js';
import { addCleanup } from '../lib/processes.js';
import { machineInfo, type MachineInfo } from '../lib/report.js';
import { soakLines } from '../lib/soak/soak-report.js';
import { readSoakSettings, SOAK_APP_ENV, type SoakSettings } from '../lib/soak/soak-settings.js';
import { BASELINE_ROUTE, runMobileWorkload, topologyProcesses, type SoakReport } from '../lib/soak/workload.js';

export interface SoakResult extends SoakReport {
  scenario: 'soak';
  description: string;
  baselineDescription: string;
  machine: MachineInfo;
  /** How each app process ended when the topology was stopped after the run. */
  stopped: Record<string, ProcessEnd>;
  errors: string[];
}

const DESCRIPTION = 'mobile learners through nginx to 2 APIs and 2 workers (scripts/lib/topology.mjs)';
const BASELINE =
  `${BASELINE_ROUTE} through the same nginx during the run (one client, 50 ms apart): ` +
  'what any request pays under this load (proxy, HTTP, framework, event loops shared with the workload)';

/**
 * The `soak` scenario (issue #8): the topology on the bench database, SOAK_SECONDS (600) of the
 * mobile workload (bench/lib/soak/), then a clean stop. Errors: any request error, any process whose
 * RSS grew beyond the rule, any app that did not exit 0.
 */
export async function measure({ env, log }: JobScenarioContext): Promise<SoakResult> {
  const settings = readSoakSettings(600);
  const databaseUrl = env.DATABASE_URL!;
  const lessons = await prepare(databaseUrl, settings, log);
  log(`  starting 2 APIs, 2 workers (from source) and nginx …`);
  const started = Date.now();
  const topology = await startTopology({
    databaseUrl,
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    env: { ...env, ...SOAK_APP_ENV },
  });
  const forget = addCleanup({
    stop: () => topology.stop(),
    kill: () => [...topology.apis, ...topology.workers].forEach(({ child }) => child.kill('SIGKILL')),
  });
  log(
    `  topology ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${topology.url}; ${settings.learners} learners for ${settings.durationSeconds} s`,
  );
  let report: SoakReport;
  let stopped: Record<string, ProcessEnd>;
  try {
    report = await runMobileWorkload({
      baseUrl: topology.url,
      lessons,
      settings,
      processes: topologyProcesses(topology),
      log: (line) => log(`  ${line}`),
    });
  } finally {
    stopped = await topology.stop();
    forget();
  }
  const unclean = Object.entries(stopped)
    .filter(([, end]) => end.code !== 0)
    .map(([name, end]) => `${name} did not stop cleanly: ${JSON.stringify(end)}`);
  return {
    scenario: 'soak',
    description: DESCRIPTION,
    baselineDescription: BASELINE,
    machine: machineInfo(),
    ...report,
    stopped,
    errors: [...report.problems, ...unclean],
  };
}

/**
 * The published lessons, and no backlog of other scenarios' work: `reminders` leaves its 100 000
 * learners due (each of its rounds sets them due), which the soak's workers would otherwise spend
 * the run sending. Their schedule is cleared; `reminders` sets it again when it runs.
 */
async function prepare(
  databaseUrl: string,
  settings: SoakSettings,
  log: (line: string) => void,
): Promise<PublishedLessonKey[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE notification_preferences SET reminder_due_at = NULL, reminder_due_on = NULL
       WHERE reminder_due_at < now() + make_interval(secs => $1)`,
      [settings.durationSeconds + 300],
    );
    if (rowCount) log(`  cleared ${rowCount} daily reminders due before the soak ends (left by other scenarios)`);
    return await publishedLessons(client);
  } finally {
    await client.end();
  }
}

export function resultLines(result: SoakResult): string[] {
  return [
    `### ${result.scenario}: ${result.description}`,
    '',
    ...soakLines(result),
    ...result.errors.filter((error) => !result.problems.includes(error)).map((error) => `- **${error}**`),
    '',
    `Baseline: ${result.baselineDescription}. "p99 ÷ baseline" divides each route's p99 by its p99 over the same ` +
      `${result.measured.seconds.toFixed(0)} s. Status: ${result.errors.length === 0 ? 'ok' : `**ERROR** (${result.errors.length})`}; ` +
      `every figure and RSS sample in bench/results/${result.scenario}.json.`,
  ];
}
