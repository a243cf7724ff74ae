/**
 * When a learner may schedule a personal reminder: from now (a device's clock may run a little
 * behind ours, so up to `CLOCK_SKEW_MS` in the past is taken as "now") to a year ahead.
 */
export const CLOCK_SKEW_MS = 60_000;
export const REMINDER_HORIZON_DAYS = 366;
const DAY_MS = 86_400_000;

/** Why `at` is not a time a reminder may be scheduled for, or `undefined` when it is. */
export function reminderTimeProblem(at: Date, now: Date): string | undefined {
  const time = at.getTime();
  if (Number.isNaN(time)) return 'must be a real date-time';
  if (time < now.getTime() - CLOCK_SKEW_MS) return 'must not be in the past';
  if (time > now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS) return 'must be at most a year ahead';
  return undefined;
}
