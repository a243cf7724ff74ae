import { readFileSync } from 'node:fs';
import { readRssMiB } from '../processes.js';
import { median } from '../stats.js';

export interface RssSample {
  /** Milliseconds since the workload started. */
  atMs: number;
  mib: number;
}

/**
 * When a process's memory has grown "beyond noise" (bench/README.md, "soak"). A Node process's RSS
 * saw-tooths with its garbage collector, so single samples prove nothing: the samples after the
 * warm-up are cut into windows of `windowMs` and each window gives its median. The end is the last
 * window's median; the start, the lowest median of the windows before it: the processes keep giving
 * back start-up memory for a minute or two after the warm-up (50 to 90 MiB, from source), and a
 * start taken at the top of that descent would hide as much growth. It grew beyond noise when the
 * end exceeds the start by more than `maxGrowthMiB` and by more than `maxGrowthRatio` of the start.
 */
export interface RssRule {
  windowMs: number;
  maxGrowthMiB: number;
  maxGrowthRatio: number;
}

export interface RssVerdict {
  /** The median of the first window after the warm-up. */
  firstWindowMiB: number | null;
  /** The lowest window median before the last window: where the process settled. */
  startMiB: number | null;
  /** The median of the last window. */
  endMiB: number | null;
  growthMiB: number | null;
  /** The growth allowed: the larger of the rule's MiB and its share of the start. */
  allowedMiB: number | null;
  beyondNoise: boolean;
  /** Samples between the warm-up's end and the end. */
  sampleCount: number;
}

/** Judges one process's samples taken from `fromMs` (the warm-up's end) to `toMs` (the end). */
export function judgeRssGrowth(
  samples: readonly RssSample[],
  { fromMs, toMs }: { fromMs: number; toMs: number },
  { windowMs, maxGrowthMiB, maxGrowthRatio }: RssRule,
): RssVerdict {
  const between = (from: number, to: number): number | null =>
    median(samples.filter((sample) => sample.atMs >= from && sample.atMs < to).map((sample) => sample.mib));
  const endMiB = between(toMs - windowMs, toMs + 1);
  const earlier: number[] = [];
  // Whole windows that end before the last one begins; at least the first, when the run is short.
  for (let from = fromMs; from === fromMs || from + windowMs <= toMs - windowMs; from += windowMs) {
    const windowMedian = between(from, from + windowMs);
    if (windowMedian !== null) earlier.push(windowMedian);
  }
  const firstWindowMiB = between(fromMs, fromMs + windowMs);
  const startMiB = earlier.length > 0 ? Math.min(...earlier) : null;
  const sampleCount = samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs).length;
  if (startMiB === null || endMiB === null) {
    return { firstWindowMiB, startMiB, endMiB, growthMiB: null, allowedMiB: null, beyondNoise: false, sampleCount };
  }
  const growthMiB = endMiB - startMiB;
  const allowedMiB = Math.max(maxGrowthMiB, maxGrowthRatio * startMiB);
  return { firstWindowMiB, startMiB, endMiB, growthMiB, allowedMiB, beyondNoise: growthMiB > allowedMiB, sampleCount };
}

/** A process to watch: its name and how to find its pids now (nginx: the master and its workers). */
export interface WatchedProcess {
  name: string;
  pid: number | undefined;
  /** Count the RSS of the process's children too (nginx's workers). */
  withChildren?: boolean;
}

/** The pids of a process's direct children, from /proc (Linux only; none elsewhere). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The RSS of a process (and its children, if asked), in MiB; undefined once it is gone. */
function rssOf({ pid, withChildren }: WatchedProcess): number | undefined {
  const own = readRssMiB(pid);
  if (own === undefined || !withChildren) return own;
  return childPids(pid!).reduce((sum, child) => sum + (readRssMiB(child) ?? 0), own);
}

/** Samples every process's RSS every `intervalMs` until `stop()`; times are relative to `startedAt`. */
export function startRssSampling(processes: readonly WatchedProcess[], intervalMs: number, startedAt: number) {
  const samples: Record<string, RssSample[]> = Object.fromEntries(processes.map(({ name }) => [name, []]));
  const sample = (): void => {
    const atMs = Date.now() - startedAt;
    for (const process of processes) {
      const mib = rssOf(process);
      if (mib !== undefined) samples[process.name]!.push({ atMs, mib });
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    samples,
    stop(): Record<string, RssSample[]> {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}
