import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Clock, Transactions } from '@techtrek/platform';
import { formatClockTime } from '../../domain/preferences/clock-time.js';
import { DEFAULT_PREFERENCES } from '../../domain/preferences/notification-preferences.js';
import { reminderSendTime } from '../../domain/reminders/reminder-send-time.js';
import { ReminderEnrolment } from '../../application/reminders/reminder-enrolment.js';
import { ReminderScheduler } from '../../application/reminders/reminder-scheduler.js';

/** Inserts the default preferences row, in the learner's zone, and schedules its first reminder. */
@Injectable()
export class SqlReminderEnrolment extends ReminderEnrolment {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserDirectory,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enrol(userId: number): Promise<void> {
    const card = (await this.users.findCards([userId])).get(userId);
    if (!card) return;
    const sendTime = reminderSendTime(DEFAULT_PREFERENCES);
    await this.transactions.run(async () => {
      const inserted = (await this.transactions.manager.query(
        `WITH inserted AS (
           INSERT INTO notification_preferences (user_id, time_zone, reminder_send_time) VALUES ($1, $2, $3)
           ON CONFLICT (user_id) DO NOTHING RETURNING user_id
         )
         SELECT user_id FROM inserted`,
        [userId, card.timeZone, sendTime === undefined ? null : formatClockTime(sendTime)],
      )) as unknown[];
      if (inserted.length > 0) await this.scheduler.reschedule(userId, this.clock.now());
    });
  }
}
