import type { JobRoute } from '@techtrek/platform';

/** The minute tick (a BullMQ job scheduler with a fixed id, so every worker upserts the same one). */
export const REMINDER_TICK_JOB: JobRoute = { queue: 'reminders', job: 'reminder.tick' };
export const REMINDER_TICK_SCHEDULER_ID = 'reminders-tick';

/** Sends one claimed reminder; job id `reminderJobId(claim)`. */
export const SEND_REMINDER_JOB: JobRoute = { queue: 'reminders', job: 'reminder.send' };

/** `gamification.practice_day_counted` → practised_on and the schedule. */
export const PRACTICE_DAY_JOB: JobRoute = { queue: 'reminders', job: 'reminder.practice-day' };

/** `auth.time_zone_changed` → the schedule's zone. */
export const TIME_ZONE_JOB: JobRoute = { queue: 'reminders', job: 'reminder.time-zone' };

/** A reminder claimed for a learner's local date. */
export interface ReminderClaim {
  userId: number;
  localDate: string;
}

/** Two colons (three parts) are fine for BullMQ; one would read as a legacy repeat key. */
export const reminderJobId = ({ userId, localDate }: ReminderClaim): string => `reminder:${userId}:${localDate}`;
