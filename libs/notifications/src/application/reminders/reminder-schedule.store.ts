import type { LocalDate } from '../../domain/reminders/reminder-day.js';

/** What deciding a learner's next reminder day needs, read under the row's lock. */
export interface ReminderScheduleFacts {
  today: LocalDate;
  tomorrow: LocalDate;
  /** False when no day has a reminder (reminders off, or quiet hours that swallow it). */
  hasSendTime: boolean;
  sendsLaterToday: boolean;
  practisedOn: LocalDate | null;
  claimedToday: boolean;
}

/** The schedule columns of a learner's preferences row. */
export abstract class ReminderScheduleStore {
  /** Locks the row and reads the facts as of `now`; undefined without a row. */
  abstract lockFacts(userId: number, now: Date): Promise<ReminderScheduleFacts | undefined>;
  /** Schedules the reminder of `day` at the row's send time in its zone (none when `day` is null). */
  abstract setDue(userId: number, day: LocalDate | null): Promise<void>;
  /** Remembers a practised day (the latest wins). */
  abstract recordPractice(userId: number, localDay: LocalDate): Promise<void>;
  /** Copies the profile's zone; false without a row. */
  abstract copyTimeZone(userId: number, timeZone: string): Promise<boolean>;
}
