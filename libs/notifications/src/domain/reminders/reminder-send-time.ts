import type { ClockTime } from '../preferences/clock-time.js';
import type { NotificationPreferences, QuietHours } from '../preferences/notification-preferences.js';

/** Whether `time` falls in the quiet hours: from `start` (included) to `end` (excluded), across midnight if need be. */
export function isWithinQuietHours(time: ClockTime, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? time >= quiet.start && time < quiet.end : time >= quiet.start || time < quiet.end;
}

/**
 * When a day's reminder goes out, local time: the chosen time, or the end of the quiet hours it
 * falls in. Undefined when there is none: reminders off, or the quiet hours only end on the next
 * day (a reminder belongs to its own day; tomorrow morning it would land next to tomorrow's).
 * The same every day, whatever the date: DST only changes which instant it is (PostgreSQL's
 * `AT TIME ZONE` resolves that).
 */
export function reminderSendTime(preferences: NotificationPreferences): ClockTime | undefined {
  const { enabled, localTime } = preferences.dailyReminder;
  if (!enabled) return undefined;
  return deferredPastQuietHours(localTime, preferences.quietHours);
}

/** `time`, or the end of the quiet hours it is in if they end later the same day; undefined otherwise. */
export function deferredPastQuietHours(time: ClockTime, quiet: QuietHours | null): ClockTime | undefined {
  if (!quiet || !isWithinQuietHours(time, quiet)) return time;
  return quiet.end > time ? quiet.end : undefined;
}
