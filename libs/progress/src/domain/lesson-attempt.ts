import { CompletedAtOutOfRangeError } from './progress.errors.js';

export const DEFAULT_PASS_THRESHOLD = 70;

/**
 * Whether a graded score passes the lesson. The score itself is the lessons module's grade (every
 * exercise of the lesson counts, unanswered ones as wrong); passing is progress's rule, at a
 * configurable threshold, inclusive.
 */
export function passesAt(score: number, passThreshold = DEFAULT_PASS_THRESHOLD): boolean {
  if (!Number.isInteger(passThreshold) || passThreshold < 0 || passThreshold > 100) {
    throw new RangeError(`The pass threshold is an integer from 0 to 100, got ${passThreshold}`);
  }
  return score >= passThreshold;
}

/** How late an offline attempt may be synced; the streak keeps days open a little longer. */
export const MAX_COMPLETION_DELAY_MS = 7 * 24 * 60 * 60 * 1_000;
/** Device clocks run a little fast; a completion this far ahead is taken as "now". */
export const MAX_CLOCK_SKEW_MS = 2 * 60 * 1_000;

/**
 * When an attempt counts as completed: the client's `completedAt` (an offline attempt synced
 * later counts on the day it was done), or `now` when absent. A time slightly ahead is clamped
 * to `now`, so a fast clock cannot place a pass on tomorrow's date.
 */
export function acceptedCompletionTime(completedAt: Date | undefined, now: Date): Date {
  if (completedAt === undefined) return new Date(now);
  const earliest = new Date(now.getTime() - MAX_COMPLETION_DELAY_MS);
  const latest = new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
  const time = completedAt.getTime();
  if (Number.isNaN(time)) throw new CompletedAtOutOfRangeError('must be a date-time', earliest, latest);
  if (time > latest.getTime()) throw new CompletedAtOutOfRangeError('must not be in the future', earliest, latest);
  if (time < earliest.getTime()) {
    throw new CompletedAtOutOfRangeError('must be within the last 7 days', earliest, latest);
  }
  return new Date(Math.min(time, now.getTime()));
}
