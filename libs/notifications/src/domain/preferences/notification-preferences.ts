import type { ClockTime } from './clock-time.js';

/** Hours in which nothing is pushed; `end` may be before `start` (the hours then span midnight). */
export interface QuietHours {
  start: ClockTime;
  end: ClockTime;
}

/** What a learner chose about notifications (their zone comes from the profile). */
export interface NotificationPreferences {
  dailyReminder: { enabled: boolean; localTime: ClockTime };
  milestoneAlerts: boolean;
  quietHours: QuietHours | null;
}

/** What a learner who never chose gets: a reminder at 19:00, milestone alerts, no quiet hours. */
export const DEFAULT_PREFERENCES: NotificationPreferences = Object.freeze({
  dailyReminder: Object.freeze({ enabled: true, localTime: 19 * 60 }),
  milestoneAlerts: true,
  quietHours: null,
});

/** Quiet hours that start and end at the same minute would be empty or the whole day: refused. */
export function isValidQuietHours(quiet: QuietHours): boolean {
  return quiet.start !== quiet.end;
}
