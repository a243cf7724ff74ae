import type { BenchSettings } from './settings.js';

/** Past this, a scenario too slow to reach `warmupRequests` starts anyway. */
export const MAX_WARMUP_SECONDS = 30;

/**
 * Seconds of warm-up still needed after a first `seconds` in which the API answered `requests`:
 * V8 optimises a function after enough calls, not after enough time, so a scenario at 170 req/s
 * (login) is still being compiled after the 2 s that warm a 20,000 req/s one. At the rate the
 * API showed, enough to reach `minRequests`, and never past `MAX_WARMUP_SECONDS` in all.
 */
export function warmupTopUpSeconds(first: { seconds: number; requests: number }, minRequests: number): number {
  if (first.requests <= 0 || first.seconds <= 0 || first.requests >= minRequests) return 0;
  const needed = Math.ceil((minRequests - first.requests) / (first.requests / first.seconds));
  return Math.max(0, Math.min(needed, MAX_WARMUP_SECONDS - first.seconds));
}

/**
 * Unmeasured load on both sides before the first round: `warmupSeconds` each, then, if the API
 * has not yet served `warmupRequests`, both sides again for the time it still needs (the same
 * time for the baseline, so neither side is measured colder than the other).
 */
export async function warmUp(
  settings: Pick<BenchSettings, 'warmupSeconds' | 'warmupRequests'>,
  api: (seconds: number) => Promise<{ requests: number }>,
  baseline: (seconds: number) => Promise<unknown>,
): Promise<void> {
  if (settings.warmupSeconds <= 0) return;
  const first = await api(settings.warmupSeconds);
  await baseline(settings.warmupSeconds);
  const more = warmupTopUpSeconds({ seconds: settings.warmupSeconds, ...first }, settings.warmupRequests);
  if (more === 0) return;
  await api(more);
  await baseline(more);
}
