import type { CpuPerRequest } from './cpu-accounting.js';
import type { RoundMeasurement } from './load.js';
import type { ScenarioTarget } from './scenario.js';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The nearest-rank percentile (`p` from 0 to 100): a value that was measured, as latency
 * histograms report it, not one interpolated between two samples.
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  return nearestRank(
    [...values].sort((a, b) => a - b),
    p,
  );
}

const nearestRank = (sorted: readonly number[], p: number): number =>
  sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;

/** A latency distribution in the figures the reports use (nearest-rank, as `percentile`). */
export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** `percentile` for p50, p95, p99 and the maximum at once: one sort, for large sample sets. */
export function latencySummary(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p95Ms: nearestRank(sorted, 95),
    p99Ms: nearestRank(sorted, 99),
    maxMs: sorted[sorted.length - 1]!,
  };
}

export interface Medians {
  reqPerSec: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  rssMiB: number | null;
  /** Each part's median over the rounds that measured it; null when none did. */
  cpu: CpuPerRequest | null;
}

export function mediansOf(rounds: RoundMeasurement[]): Medians {
  const of = (pick: (round: RoundMeasurement) => number | null): number | null =>
    median(rounds.map(pick).filter((value): value is number => value !== null));
  return {
    reqPerSec: of((round) => round.reqPerSec),
    p50Ms: of((round) => round.p50Ms),
    p99Ms: of((round) => round.p99Ms),
    rssMiB: of((round) => round.rssMiB),
    cpu: cpuMedians(rounds.flatMap((round) => (round.cpu ? [round.cpu] : []))),
  };
}

/** Each part's median over the rounds (null: no round measured CPU). */
export function cpuMedians(rounds: CpuPerRequest[]): CpuPerRequest | null {
  if (rounds.length === 0) return null;
  const of = (pick: (cpu: CpuPerRequest) => number | null): number | null =>
    median(rounds.map(pick).filter((value): value is number => value !== null));
  return {
    serverMs: of((cpu) => cpu.serverMs),
    postgresMs: of((cpu) => cpu.postgresMs),
    loadGeneratorMs: of((cpu) => cpu.loadGeneratorMs) ?? 0,
  };
}

export interface Ratios {
  /** Scenario req/s ÷ baseline req/s: 1 means as fast as serving the bytes from memory. */
  throughput: number | null;
  /** Scenario p99 ÷ baseline p99: 1 means no extra tail latency. */
  p99: number | null;
}

/**
 * Median of the per-round ratios, not the ratio of the medians: each round's pair ran back to
 * back, so dividing within the pair cancels most of the machine's drift between rounds.
 */
export function pairedRatios(pairs: Array<{ scenario: RoundMeasurement; baseline: RoundMeasurement }>): Ratios {
  const ratio = (pick: (round: RoundMeasurement) => number): number | null =>
    median(pairs.filter((pair) => pick(pair.baseline) > 0).map((pair) => pick(pair.scenario) / pick(pair.baseline)));
  return { throughput: ratio((round) => round.reqPerSec), p99: ratio((round) => round.p99Ms) };
}

export interface TargetVerdict {
  pass: boolean;
  /** e.g. ["throughput ratio 0.62 < 0.70"]; empty when every goal was met. */
  misses: string[];
}

export function evaluateTarget(
  target: ScenarioTarget | undefined,
  medians: Medians,
  ratios: Ratios,
): TargetVerdict | null {
  if (!target) return null;
  const misses: string[] = [];
  const check = (value: number | null, limit: number | undefined, isMin: boolean, label: string): void => {
    if (limit === undefined) return;
    if (value === null) return void misses.push(`${label} not measured`);
    if (isMin ? value < limit : value > limit) {
      misses.push(`${label} ${value.toFixed(2)} ${isMin ? '<' : '>'} ${limit}`);
    }
  };
  check(ratios.throughput, target.minThroughputRatio, true, 'throughput ratio');
  check(medians.p99Ms, target.maxP99Ms, false, 'p99 ms');
  check(ratios.p99, target.maxP99Ratio, false, 'p99 ratio');
  return { pass: misses.length === 0, misses };
}

/** Without an explicit status, redirects count as answers too: only 4xx/5xx (and 1xx) are wrong. */
export function isExpectedStatus(status: number, expected?: number): boolean {
  return expected === undefined ? status >= 200 && status < 400 : status === expected;
}

/** Words for what went wrong in a round, empty when it was clean. */
export function roundProblems(round: RoundMeasurement): string[] {
  const problems: string[] = [];
  if (round.errors > 0) problems.push(`${round.errors} connection errors (${round.timeouts} timeouts)`);
  if (round.unexpectedStatuses > 0) {
    problems.push(`${round.unexpectedStatuses} unexpected statuses ${JSON.stringify(round.statusCounts)}`);
  }
  if (round.requests === 0) problems.push('no responses at all');
  return problems;
}
