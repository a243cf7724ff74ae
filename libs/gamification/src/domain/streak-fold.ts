import { daysBetween, localDayOf } from './local-day.js';

/**
 * One local day, in one zone, on which the learner passed at least one lesson. Kept per
 * (day, zone) with the first and last pass, not per pass, so the state stays small however often
 * a learner repeats lessons, and merging passes in any order gives the same entry.
 */
export interface ActiveDay {
  /** 'YYYY-MM-DD' in `timeZone`. */
  day: string;
  /** IANA zone the passes were made in. */
  timeZone: string;
  /** ISO 8601 instant of the first pass: orders the days. */
  firstAt: string;
  /** ISO 8601 instant of the last pass: the next day is compared with the latest pass. */
  lastAt: string;
}

/** The latest pass folded in so far, and the date it fell on where it was made. */
export interface LastPass {
  day: string;
  timeZone: string;
  /** ISO 8601 instant. */
  at: string;
}

/** What the streak adds up to after some days: enough to carry on from there. */
export interface StreakCheckpoint {
  current: number;
  longest: number;
  freezesLeft: number;
  lastPass: LastPass | null;
}

/** A checkpoint plus what folding the recent days did, to report what one pass changed. */
export interface StreakFold extends StreakCheckpoint {
  frozenDays: number;
  freezesEarned: number;
  /** The streak count right after each recent day, by `dayKey`. */
  countAt: Map<string, number>;
  /** Keys of the recent days in the final run, and whether that run began before them. */
  finalRun: string[];
  finalRunContinuesCheckpoint: boolean;
}

export const FREEZE_EARNED_EVERY = 7;
export const MAX_FREEZES = 2;

export const dayKey = (day: Pick<ActiveDay, 'day' | 'timeZone'>): string => `${day.day}|${day.timeZone}`;

/** Oldest first pass first; ties broken by day and zone so the order is total. */
export function compareActiveDays(a: ActiveDay, b: ActiveDay): number {
  return Date.parse(a.firstAt) - Date.parse(b.firstAt) || dayKey(a).localeCompare(dayKey(b));
}

/** The date of `pass` as a learner in `timeZone` sees it: how days in two zones are compared. */
export const dayOfPassIn = (pass: LastPass, timeZone: string): string =>
  pass.timeZone === timeZone ? pass.day : localDayOf(new Date(pass.at), timeZone);

const later = (current: LastPass | null, day: ActiveDay): LastPass =>
  current && Date.parse(current.at) >= Date.parse(day.lastAt)
    ? current
    : { day: day.day, timeZone: day.timeZone, at: day.lastAt };

/**
 * Folds active days (sorted by `compareActiveDays`) onto a checkpoint.
 *
 * Each day is compared with the latest pass before it, expressed in the day's own zone, so a
 * flight across the date line neither counts the repeated date twice nor breaks the streak for
 * the date it skipped. Taking the latest pass of all earlier days (not the previous day's)
 * means zone hops within a day never open a gap a learner did not leave: a learner who passes at
 * least every 20 hours never loses the streak, whichever zones they pass in.
 */
export function foldActiveDays(checkpoint: StreakCheckpoint, days: readonly ActiveDay[]): StreakFold {
  const fold: StreakFold = {
    ...checkpoint,
    frozenDays: 0,
    freezesEarned: 0,
    countAt: new Map(),
    finalRun: [],
    finalRunContinuesCheckpoint: checkpoint.current > 0,
  };
  for (const day of days) {
    const gap = fold.lastPass ? daysBetween(dayOfPassIn(fold.lastPass, day.timeZone), day.day) : Infinity;
    if (gap >= 1) extendOrRestart(fold, gap - 1);
    fold.longest = Math.max(fold.longest, fold.current);
    fold.lastPass = later(fold.lastPass, day);
    fold.countAt.set(dayKey(day), fold.current);
    fold.finalRun.push(dayKey(day));
  }
  return fold;
}

/** A new day after `missed` days without a pass: frozen over if the freezes cover every one. */
function extendOrRestart(fold: StreakFold, missed: number): void {
  if (missed > fold.freezesLeft) {
    fold.current = 1;
    fold.finalRun = [];
    fold.finalRunContinuesCheckpoint = false;
    return;
  }
  fold.freezesLeft -= missed;
  fold.frozenDays += missed;
  fold.current += 1;
  if (fold.current % FREEZE_EARNED_EVERY === 0 && fold.freezesLeft < MAX_FREEZES) {
    fold.freezesLeft += 1;
    fold.freezesEarned += 1;
  }
}
