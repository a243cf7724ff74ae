import { addDays, daysBetween, localDayOf } from './local-day.js';
import {
  compareActiveDays,
  dayKey,
  dayOfPassIn,
  foldActiveDays,
  type ActiveDay,
  type StreakCheckpoint,
  type StreakFold,
} from './streak-fold.js';

/**
 * A learner's streak as stored (plain JSON). The visible streak is `recent` folded onto
 * `checkpoint`; `recent` holds the days a late pass could still be inserted before, so a pass
 * synced days later from another device lands where it belongs and arrival order never matters.
 */
export interface StreakState {
  checkpoint: StreakCheckpoint;
  /** Sorted by first pass (`compareActiveDays`). */
  recent: ActiveDay[];
}

/** A passed lesson: when, and the zone the learner was in (their calendar then). */
export interface PassMoment {
  at: Date;
  timeZone: string;
}

export interface StreakView {
  /** 0 once the streak is broken: a gap the freezes held cannot cover. */
  current: number;
  longest: number;
  /** After freezing the days already missed, which the next pass will spend. */
  freezesLeft: number;
  activeToday: boolean;
}

export interface StreakPassOutcome {
  state: StreakState;
  view: StreakView;
  /** False for a pass older than the window: it can no longer be placed among settled days. */
  counted: boolean;
  /** The visible streak grew (or started) with this pass. */
  extended: boolean;
  freezesUsed: number;
  freezeEarned: boolean;
  /** The highest milestone this pass made the current run reach for the first time. */
  milestone?: StreakMilestone;
}

export const STREAK_MILESTONES = [3, 7, 30, 100] as const;
export type StreakMilestone = (typeof STREAK_MILESTONES)[number];

const DAY_MS = 86_400_000;
/*
 * Progress accepts passes up to 7 days late. A day whose first pass is older than 9 days can
 * then no longer change: a local day lasts at most 25 hours, which leaves most of a day for
 * clocks that disagree between instances.
 */
export const STREAK_SETTLE_AFTER_MS = 9 * DAY_MS;

const EMPTY: StreakState = {
  checkpoint: { current: 0, longest: 0, freezesLeft: 0, lastPass: null },
  recent: [],
};

/**
 * Consecutive local days with at least one passed lesson. Days are calendar dates in the zone
 * the learner was in, so DST needs nothing special; freezes (one per 7 days of streak, at most
 * 2 held) bridge missed days automatically, Duolingo style.
 */
export class Streak {
  private constructor(private state: StreakState) {}

  static empty(): Streak {
    return new Streak(structuredClone(EMPTY));
  }

  static restore(state: StreakState): Streak {
    const restored = structuredClone(state);
    restored.recent.sort(compareActiveDays);
    return new Streak(restored);
  }

  get snapshot(): StreakState {
    return structuredClone(this.state);
  }

  /** The streak as a learner in `timeZone` sees it at `now`. */
  viewAsOf(now: Date, timeZone: string): StreakView {
    return viewOf(foldActiveDays(this.state.checkpoint, this.state.recent), now, timeZone);
  }

  /**
   * The last local day (in `timeZone`) on which the current streak still stands if the learner
   * never passes again: the day after the last pass, plus one per freeze held. Null once broken.
   * Lets a plain read of the stored count tell a broken streak without the streak's rules.
   */
  standsThrough(now: Date, timeZone: string): string | null {
    const fold = foldActiveDays(this.state.checkpoint, this.state.recent);
    if (!fold.lastPass || viewOf(fold, now, timeZone).current === 0) return null;
    return addDays(dayOfPassIn(fold.lastPass, timeZone), fold.freezesLeft + 1);
  }

  /**
   * Records a pass, on the local day of `pass.at` in `pass.timeZone`, however late it arrives
   * within the window; a pass more than 9 days old is not counted. The outcome's view is as of
   * `now` in the pass's zone.
   */
  recordPass(pass: PassMoment, now: Date): StreakPassOutcome {
    const { checkpoint } = this.state;
    const before = foldActiveDays(checkpoint, this.state.recent);
    const viewBefore = viewOf(before, now, pass.timeZone);
    if (pass.at.getTime() < now.getTime() - STREAK_SETTLE_AFTER_MS) {
      return {
        state: this.snapshot,
        view: viewBefore,
        counted: false,
        extended: false,
        freezesUsed: 0,
        freezeEarned: false,
      };
    }
    const recent = withPass(this.state.recent, pass);
    const after = foldActiveDays(checkpoint, recent);
    const view = viewOf(after, now, pass.timeZone);
    this.state = settle({ checkpoint, recent }, now);
    const milestone = view.current > 0 ? milestoneReached(checkpoint, before, after) : undefined;
    return {
      state: this.snapshot,
      view,
      counted: true,
      extended: view.current > viewBefore.current,
      freezesUsed: Math.max(0, after.frozenDays - before.frozenDays),
      freezeEarned: after.freezesEarned > before.freezesEarned,
      ...(milestone === undefined ? {} : { milestone }),
    };
  }
}

function withPass(recent: readonly ActiveDay[], pass: PassMoment): ActiveDay[] {
  const at = pass.at.toISOString();
  const day = localDayOf(pass.at, pass.timeZone);
  const key = dayKey({ day, timeZone: pass.timeZone });
  const existing = recent.find((entry) => dayKey(entry) === key);
  const merged: ActiveDay = existing
    ? {
        ...existing,
        firstAt: Date.parse(at) < Date.parse(existing.firstAt) ? at : existing.firstAt,
        lastAt: Date.parse(at) > Date.parse(existing.lastAt) ? at : existing.lastAt,
      }
    : { day, timeZone: pass.timeZone, firstAt: at, lastAt: at };
  return [...recent.filter((entry) => entry !== existing), merged].sort(compareActiveDays);
}

/** Folds the days no accepted pass can come before any more into the checkpoint. */
function settle(state: StreakState, now: Date): StreakState {
  const horizon = now.getTime() - STREAK_SETTLE_AFTER_MS;
  const settled = state.recent.filter((entry) => Date.parse(entry.firstAt) < horizon);
  if (settled.length === 0) return state;
  const { current, longest, freezesLeft, lastPass } = foldActiveDays(state.checkpoint, settled);
  return { checkpoint: { current, longest, freezesLeft, lastPass }, recent: state.recent.slice(settled.length) };
}

function viewOf(fold: StreakFold, now: Date, timeZone: string): StreakView {
  const broken = { current: 0, longest: fold.longest, freezesLeft: fold.freezesLeft, activeToday: false };
  if (!fold.lastPass) return broken;
  const sinceLastPass = daysBetween(dayOfPassIn(fold.lastPass, timeZone), localDayOf(now, timeZone));
  // Today not yet active is no gap: the learner can still pass today.
  const missed = Math.max(0, sinceLastPass - 1);
  if (missed > fold.freezesLeft) return broken;
  return {
    current: fold.current,
    longest: fold.longest,
    freezesLeft: fold.freezesLeft - missed,
    activeToday: sinceLastPass <= 0,
  };
}

/**
 * Milestones count once per run. A late pass can join two runs or lift the count by several days
 * at once, so "reached before" is the highest count any day of the final run had before the pass.
 */
function milestoneReached(
  checkpoint: StreakCheckpoint,
  before: StreakFold,
  after: StreakFold,
): StreakMilestone | undefined {
  const countsBefore = after.finalRun.map((key) => before.countAt.get(key) ?? 0);
  const reachedBefore = Math.max(after.finalRunContinuesCheckpoint ? checkpoint.current : 0, ...countsBefore);
  return [...STREAK_MILESTONES].reverse().find((milestone) => reachedBefore < milestone && milestone <= after.current);
}
