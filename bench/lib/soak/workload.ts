import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PublishedLessonKey } from '../../../test/support/lesson-answers.js';
import { closedLoop, send } from '../../../test/support/topology-load.js';
import type { Topology } from '../../../test/support/topology.js';
import type { LatencySummary } from '../stats.js';
import { ACTION_KINDS, ACTION_WEIGHTS, ACTIONS, type ActionKind } from './mobile-actions.js';
import { MobileLearner, type LearnerWorld } from './mobile-learner.js';
import {
  RouteRecorder,
  type RequestError,
  type RouteSummary,
  type SlowRequest,
  type WindowSummary,
} from './route-recorder.js';
import {
  judgeRssGrowth,
  startRssSampling,
  type RssSample,
  type RssVerdict,
  type WatchedProcess,
} from './rss-growth.js';
import type { SoakSettings } from './soak-settings.js';
import { weightedPicker } from './weighted-picker.js';

/** The same-run baseline: the API's liveness route through the same nginx (see bench/README.md). */
export const BASELINE_ROUTE = 'GET /health';
/** The baseline client's pause between requests: a light, steady probe beside the workload. */
const BASELINE_PAUSE_MS = 50;

export interface WorkloadOptions {
  /** The load balancer. */
  baseUrl: string;
  lessons: readonly PublishedLessonKey[];
  settings: SoakSettings;
  /** The topology's processes, whose RSS is sampled and judged. */
  processes: readonly WatchedProcess[];
  log(line: string): void;
}

export interface SoakRoute extends RouteSummary {
  /** This route's p99 ÷ the baseline's p99 over the same period. */
  p99Ratio: number | null;
}

export interface SoakReport {
  settings: SoakSettings;
  runId: string;
  learners: number;
  /** Requests of the whole run (warm-up included), and the errors among them. */
  requests: number;
  requestErrors: number;
  errorRate: number;
  /** After the warm-up: requests per second, every route's figures, the overall distribution. */
  measured: { seconds: number; requests: number; perSecond: number; overall: LatencySummary };
  routes: SoakRoute[];
  baseline: { route: string; summary: LatencySummary; errors: number };
  /** Actions done after the warm-up, by kind. */
  actions: Record<ActionKind, number>;
  /** Requests, errors and p99 per RSS window over the whole run (warm-up included). */
  windows: WindowSummary[];
  rss: Record<string, RssVerdict & { firstMiB: number | null; lastMiB: number | null; samples: RssSample[] }>;
  /** The first requests that went wrong, with their answers. */
  errorSamples: RequestError[];
  /** The slowest requests of the whole run, with when they were answered. */
  slowest: SlowRequest[];
  /** Why the run failed; empty when it passed. */
  problems: string[];
}

/** Both phases' records: the warm-up's only count errors, the measured one's are reported. */
class Phase {
  readonly workload: RouteRecorder;
  readonly baseline: RouteRecorder;
  readonly actions = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;
  constructor(windowMs: number) {
    this.workload = new RouteRecorder(windowMs);
    this.baseline = new RouteRecorder(windowMs);
  }
}

/** Every process of a topology whose memory the soak judges: the apps, and nginx with its workers. */
export function topologyProcesses(topology: Topology): WatchedProcess[] {
  return [
    ...[...topology.apis, ...topology.workers].map(({ name, child }) => ({ name, pid: child.pid })),
    { name: 'nginx', pid: topology.nginx.pid, withChildren: true },
  ];
}

/**
 * The mobile workload (bench `soak` and test/soak.e2e-spec.ts): `learners` closed loops, each signing
 * up and then doing weighted actions (mobile-actions.ts) with think time, for the whole duration;
 * beside them one client polling the baseline route; every process's RSS sampled throughout.
 */
export async function runMobileWorkload({
  baseUrl,
  lessons,
  settings,
  processes,
  log,
}: WorkloadOptions): Promise<SoakReport> {
  if (lessons.length === 0) throw new Error('no published lesson: seed the database first');
  const runId = randomBytes(3).toString('hex');
  const startedAt = Date.now();
  const elapsed = (): number => Date.now() - startedAt;
  const warmup = new Phase(settings.rss.windowMs);
  const measured = new Phase(settings.rss.windowMs);
  // One timeline for the whole run, so the windows show the warm-up too.
  const timeline = new RouteRecorder(settings.rss.windowMs);
  let phase = warmup;
  let ending = false;

  const world: LearnerWorld = {
    baseUrl,
    lessons,
    runId,
    random: Math.random,
    record(route, exchange, expected) {
      timeline.record(route, exchange, expected, elapsed());
      return phase.workload.record(route, exchange, expected, elapsed());
    },
    fail(route, message) {
      phase.workload.fail(route, message, elapsed());
    },
    stopping: () => ending,
  };
  const pickAction = weightedPicker(ACTION_WEIGHTS);
  const learners: MobileLearner[] = [];
  const rss = startRssSampling(processes, settings.sampleIntervalMs, startedAt);
  const workload = closedLoop(settings.learners, async (index) => {
    const learner = (learners[index] ??= new MobileLearner(world, index));
    try {
      if (!learner.signedIn) await learner.signUp();
      else {
        const kind = pickAction();
        await ACTIONS[kind](learner);
        phase.actions[kind] += 1;
      }
    } catch (error) {
      world.fail('(learner)', error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (!ending && settings.thinkMs > 0) await sleep(Math.random() * 2 * settings.thinkMs);
  });
  const baseline = closedLoop(1, async () => {
    const exchange = await send(baseUrl, { method: 'GET', path: '/health' });
    phase.baseline.record(BASELINE_ROUTE, exchange, [200], elapsed());
    if (!ending) await sleep(BASELINE_PAUSE_MS);
  });

  const warmupMs = settings.warmupSeconds * 1000;
  const durationMs = settings.durationSeconds * 1000;
  const progress = setInterval(() => log(progressLine(elapsed(), timeline, rss.samples)), settings.rss.windowMs);
  try {
    await sleep(warmupMs);
    phase = measured;
    log(`warm-up over after ${settings.warmupSeconds} s: measuring`);
    await sleep(Math.max(0, durationMs - elapsed()));
  } finally {
    clearInterval(progress);
    ending = true;
    await Promise.all([workload.stop(), baseline.stop()]);
  }
  const endedMs = elapsed();
  const samples = rss.stop();
  return report({ settings, runId, warmup, measured, timeline, samples, warmupMs, endedMs, processes });
}

function progressLine(atMs: number, timeline: RouteRecorder, samples: Record<string, RssSample[]>): string {
  const memory = Object.entries(samples)
    .map(([name, list]) => `${name} ${list.at(-1)?.mib.toFixed(0) ?? '–'}`)
    .join(', ');
  return `  ${(atMs / 1000).toFixed(0)} s: ${timeline.total} requests, ${timeline.errors} errors; RSS MiB ${memory}`;
}

interface ReportInput {
  settings: SoakSettings;
  runId: string;
  warmup: Phase;
  measured: Phase;
  timeline: RouteRecorder;
  samples: Record<string, RssSample[]>;
  warmupMs: number;
  endedMs: number;
  processes: readonly WatchedProcess[];
}

function report({
  settings,
  runId,
  warmup,
  measured,
  timeline,
  samples,
  warmupMs,
  endedMs,
  processes,
}: ReportInput): SoakReport {
  const baselineSummary = measured.baseline.overall();
  const routes = measured.workload.routeSummaries().map((route) => ({
    ...route,
    p99Ratio: route.p99Ms !== null && baselineSummary.p99Ms ? route.p99Ms / baselineSummary.p99Ms : null,
  }));
  const rss = Object.fromEntries(
    processes.map(({ name }) => {
      const list = samples[name] ?? [];
      const verdict = judgeRssGrowth(list, { fromMs: warmupMs, toMs: endedMs }, settings.rss);
      return [name, { ...verdict, firstMiB: list[0]?.mib ?? null, lastMiB: list.at(-1)?.mib ?? null, samples: list }];
    }),
  );
  const requests = warmup.workload.total + measured.workload.total;
  const errors = warmup.workload.errors + measured.workload.errors;
  const baselineErrors = warmup.baseline.errors + measured.baseline.errors;
  const seconds = (endedMs - warmupMs) / 1000;
  const problems = [
    ...(errors > 0 ? [`${errors} of ${requests} requests went wrong (${warmup.workload.errors} in the warm-up)`] : []),
    ...(baselineErrors > 0 ? [`${baselineErrors} baseline requests (${BASELINE_ROUTE}) went wrong`] : []),
    ...Object.entries(rss).flatMap(([name, verdict]) =>
      verdict.startMiB === null || verdict.endMiB === null
        ? [`${name}: no RSS samples in the first or last window (did it exit?)`]
        : verdict.beyondNoise
          ? [
              `${name}: RSS grew ${verdict.growthMiB!.toFixed(0)} MiB (${verdict.startMiB.toFixed(0)} → ${verdict.endMiB.toFixed(0)}), more than the ${verdict.allowedMiB!.toFixed(0)} MiB allowed`,
            ]
          : [],
    ),
  ];
  return {
    settings,
    runId,
    learners: settings.learners,
    requests,
    requestErrors: errors,
    errorRate: requests > 0 ? errors / requests : 0,
    measured: {
      seconds,
      requests: measured.workload.total,
      perSecond: measured.workload.total / seconds,
      overall: measured.workload.overall(),
    },
    routes,
    baseline: { route: BASELINE_ROUTE, summary: baselineSummary, errors: baselineErrors },
    actions: measured.actions,
    windows: timeline.windowSummaries(),
    rss,
    slowest: timeline.slowest,
    errorSamples: [
      ...warmup.workload.errorSamples,
      ...measured.workload.errorSamples,
      ...measured.baseline.errorSamples,
    ].slice(0, 50),
    problems,
  };
}
