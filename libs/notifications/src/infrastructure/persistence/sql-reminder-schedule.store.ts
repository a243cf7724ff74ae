import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  ReminderScheduleStore,
  type ReminderScheduleFacts,
} from '../../application/reminders/reminder-schedule.store.js';

/**
 * The schedule columns. Instants are `(date + reminder_send_time) AT TIME ZONE time_zone`:
 * PostgreSQL's zone rules put a time in a DST gap after the gap (02:30 on a spring-forward day in
 * New York is 03:30 EDT) and a time the fall-back repeats at its second occurrence.
 */
@Injectable()
export class SqlReminderScheduleStore extends ReminderScheduleStore {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async lockFacts(userId: number, now: Date): Promise<ReminderScheduleFacts | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT to_char(d.today, 'YYYY-MM-DD') AS today, to_char(d.today + 1, 'YYYY-MM-DD') AS tomorrow,
              p.reminder_send_time IS NOT NULL AS "hasSendTime",
              COALESCE((d.today + p.reminder_send_time) AT TIME ZONE p.time_zone > $2, false) AS "sendsLaterToday",
              to_char(p.practised_on, 'YYYY-MM-DD') AS "practisedOn",
              EXISTS (SELECT 1 FROM reminder_claims c
                      WHERE c.user_id = p.user_id AND c.local_date = d.today AND c.kind = 'daily') AS "claimedToday"
       FROM notification_preferences p
       CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE p.time_zone)::date AS today) d
       WHERE p.user_id = $1
       FOR UPDATE OF p`,
      [userId, now],
    )) as ReminderScheduleFacts[];
    return row;
  }

  async setDue(userId: number, day: string | null): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE notification_preferences
       SET reminder_due_on = $2::date, reminder_due_at = ($2::date + reminder_send_time) AT TIME ZONE time_zone
       WHERE user_id = $1`,
      [userId, day],
    );
  }

  async recordPractice(userId: number, localDay: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE notification_preferences SET practised_on = GREATEST(practised_on, $2::date) WHERE user_id = $1`,
      [userId, localDay],
    );
  }

  async copyTimeZone(userId: number, timeZone: string): Promise<boolean> {
    const rows = (await this.transactions.manager.query(
      `WITH moved AS (UPDATE notification_preferences SET time_zone = $2 WHERE user_id = $1 RETURNING user_id)
       SELECT user_id FROM moved`,
      [userId, timeZone],
    )) as unknown[];
    return rows.length > 0;
  }
}
