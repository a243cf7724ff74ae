import type { ClockTime } from '../../domain/preferences/clock-time.js';
import type { NotificationPreferences } from '../../domain/preferences/notification-preferences.js';

export interface StoredPreferences {
  preferences: NotificationPreferences;
  /** The zone the reminder follows (a copy of the profile's). */
  timeZone: string;
  /** The next daily reminder's instant; null when none is scheduled. */
  nextReminderAt: Date | null;
}

/** A learner's notification preferences (one row, with their reminder schedule). */
export abstract class PreferencesRepository {
  abstract find(userId: number): Promise<StoredPreferences | undefined>;
  /** Creates or replaces the preferences, with the send time the domain derived from them. */
  abstract save(
    userId: number,
    preferences: NotificationPreferences,
    sendTime: ClockTime | undefined,
    timeZone: string,
  ): Promise<void>;
  /** Whether milestone alerts are on (they are, for a learner who never chose). */
  abstract milestoneAlertsOn(userId: number): Promise<boolean>;
}
