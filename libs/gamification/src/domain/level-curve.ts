/**
 * Levels from total XP. Reaching level n takes 50·n·(n−1) XP in total (L1 at 0, L2 at 100,
 * L3 at 300, L4 at 600, L10 at 4 500), so level n itself spans 100·n XP: each level asks for a
 * little more than the last, while a learner doing a few lessons a day still sees one every
 * week or two at level 10.
 */
const XP_STEP = 50;

export interface LevelProgress {
  level: number;
  /** XP earned since this level was reached. */
  xpIntoLevel: number;
  /** The XP this level spans, from reaching it to reaching the next (the progress bar's width). */
  xpForNextLevel: number;
}

function assertXp(xp: number): void {
  // Totals come from the ledger's sum; anything else is a bug upstream.
  if (!Number.isSafeInteger(xp) || xp < 0) throw new RangeError(`XP must be a non-negative integer, got ${xp}`);
}

/** Total XP at which `level` is reached. */
export function xpRequiredFor(level: number): number {
  if (!Number.isSafeInteger(level) || level < 1) throw new RangeError(`A level is an integer from 1, got ${level}`);
  return XP_STEP * level * (level - 1);
}

/** The level a learner with `xp` in total has reached. */
export function levelFor(xp: number): number {
  assertXp(xp);
  // The root of 50·n·(n−1) = xp, then corrected by one either way for floating-point error.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (4 * xp) / XP_STEP)) / 2));
  while (xpRequiredFor(level) > xp) level -= 1;
  while (xpRequiredFor(level + 1) <= xp) level += 1;
  return level;
}

export function levelProgress(xp: number): LevelProgress {
  const level = levelFor(xp);
  const reachedAt = xpRequiredFor(level);
  return { level, xpIntoLevel: xp - reachedAt, xpForNextLevel: xpRequiredFor(level + 1) - reachedAt };
}

/** Every level reached by going from `previousXp` to `xp`, lowest first (one event each). */
export function levelsReached(previousXp: number, xp: number): number[] {
  const from = levelFor(previousXp);
  const to = levelFor(xp);
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index + 1);
}
