import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { formatClockTime, parseClockTime, type ClockTime } from '../../domain/preferences/clock-time.js';
import type { NotificationPreferences } from '../../domain/preferences/notification-preferences.js';
import { PreferencesRepository, type StoredPreferences } from '../../application/preferences/preferences.repository.js';

interface PreferencesRow {
  enabled: boolean;
  localTime: string;
  milestoneAlerts: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
  nextReminderAt: Date | null;
}

const asTime = (column: string): string => `to_char(${column}, 'HH24:MI')`;

/** Preferences in `notification_preferences`; times travel as 'HH:MM' text in and out of `time` columns. */
@Injectable()
export class SqlPreferencesRepository extends PreferencesRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async find(userId: number): Promise<StoredPreferences | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT reminder_enabled AS enabled, ${asTime('reminder_local_time')} AS "localTime",
              milestone_alerts AS "milestoneAlerts", ${asTime('quiet_start')} AS "quietStart",
              ${asTime('quiet_end')} AS "quietEnd", time_zone AS "timeZone", reminder_due_at AS "nextReminderAt"
       FROM notification_preferences WHERE user_id = $1`,
      [userId],
    )) as PreferencesRow[];
    return row && toStored(row);
  }

  async save(
    userId: number,
    preferences: NotificationPreferences,
    sendTime: ClockTime | undefined,
    timeZone: string,
  ): Promise<void> {
    const { dailyReminder, milestoneAlerts, quietHours } = preferences;
    await this.transactions.manager.query(
      `INSERT INTO notification_preferences AS p
         (user_id, reminder_enabled, reminder_local_time, milestone_alerts, quiet_start, quiet_end,
          reminder_send_time, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET
         reminder_enabled = EXCLUDED.reminder_enabled, reminder_local_time = EXCLUDED.reminder_local_time,
         milestone_alerts = EXCLUDED.milestone_alerts, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, reminder_send_time = EXCLUDED.reminder_send_time,
         time_zone = EXCLUDED.time_zone, updated_at = now(),
         -- No send time, no reminder (the caller reschedules the others right after).
         reminder_due_on = CASE WHEN EXCLUDED.reminder_send_time IS NULL THEN NULL ELSE p.reminder_due_on END,
         reminder_due_at = CASE WHEN EXCLUDED.reminder_send_time IS NULL THEN NULL ELSE p.reminder_due_at END`,
      [
        userId,
        dailyReminder.enabled,
        formatClockTime(dailyReminder.localTime),
        milestoneAlerts,
        quietHours ? formatClockTime(quietHours.start) : null,
        quietHours ? formatClockTime(quietHours.end) : null,
        sendTime === undefined ? null : formatClockTime(sendTime),
        timeZone,
      ],
    );
  }

  async milestoneAlertsOn(userId: number): Promise<boolean> {
    const [row] = (await this.transactions.manager.query(
      `SELECT milestone_alerts AS on FROM notification_preferences WHERE user_id = $1`,
      [userId],
    )) as { on: boolean }[];
    return row?.on ?? true;
  }
}

function toStored(row: PreferencesRow): StoredPreferences {
  return {
    preferences: {
      dailyReminder: { enabled: row.enabled, localTime: parseClockTime(row.localTime)! },
      milestoneAlerts: row.milestoneAlerts,
      quietHours:
        row.quietStart === null || row.quietEnd === null
          ? null
          : { start: parseClockTime(row.quietStart)!, end: parseClockTime(row.quietEnd)! },
    },
    timeZone: row.timeZone,
    nextReminderAt: row.nextReminderAt,
  };
}
