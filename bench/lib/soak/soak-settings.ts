import { integerFromEnv } from '../settings.js';
import type { RssRule } from './rss-growth.js';

export interface SoakSettings {
  /** The whole workload, warm-up included (SOAK_SECONDS). */
  durationSeconds: number;
  /** The first part, whose latencies are left out and after which RSS is judged from. */
  warmupSeconds: number;
  /** Virtual learners, each a closed loop (SOAK_LEARNERS). */
  learners: number;
  /** Mean pause between a learner's actions, drawn uniformly from 0 to twice it (SOAK_THINK_MS). */
  thinkMs: number;
  /** RSS of every process sampled this often. */
  sampleIntervalMs: number;
  rss: RssRule;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * The soak's settings from SOAK_* variables; `defaultSeconds` differs between the bench (600) and
 * CI (60). The warm-up is a tenth of the run, 10 to 60 s; the RSS windows (first after the warm-up,
 * last before the end) a fifth of what follows it, 10 to 60 s (bench/README.md, "soak").
 */
export function readSoakSettings(defaultSeconds: number): SoakSettings {
  const durationSeconds = integerFromEnv('SOAK_SECONDS', defaultSeconds, 30);
  const warmupSeconds = Math.round(clamp(durationSeconds / 10, 10, 60));
  const windowMs = Math.round(clamp((durationSeconds - warmupSeconds) / 5, 10, 60) * 1000);
  return {
    durationSeconds,
    warmupSeconds,
    learners: integerFromEnv('SOAK_LEARNERS', 16, 1),
    thinkMs: integerFromEnv('SOAK_THINK_MS', 50, 0),
    sampleIntervalMs: 1_000,
    rss: { windowMs, maxGrowthMiB: 32, maxGrowthRatio: 0.15 },
  };
}

/**
 * What every soak process runs with, in the bench and in CI: limits so high that the workload (all
 * of it from one address, through nginx) is never refused with 429, and no AI provider keys, so
 * hints come from the offline grounded provider.
 */
export const SOAK_APP_ENV: Readonly<Record<string, string>> = {
  THROTTLE_DEFAULT_LIMIT: '1000000',
  THROTTLE_DEFAULT_TTL_SECONDS: '1',
  THROTTLE_AUTH_LIMIT: '1000',
  THROTTLE_AUTH_TTL_SECONDS: '1',
  HINT_DAILY_QUOTA: '100000',
  // Empty means unset: the API ignores empty values.
  OPENAI_API_KEY: '',
  ANTHROPIC_API_KEY: '',
  GEMINI_API_KEY: '',
  SWAGGER_ENABLED: 'false',
};
