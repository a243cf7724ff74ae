import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Transactions } from '@techtrek/platform';
import { ReminderEnrolment } from '../../application/reminders/reminder-enrolment.js';

/** Inserts the default preferences row, in the learner's zone. */
@Injectable()
export class SqlReminderEnrolment extends ReminderEnrolment {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserDirectory,
  ) {
    super();
  }

  async enrol(userId: number): Promise<void> {
    const card = (await this.users.findCards([userId])).get(userId);
    if (!card) return;
    await this.transactions.manager.query(
      `INSERT INTO notification_preferences (user_id, time_zone) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`,
      [userId, card.timeZone],
    );
  }
}
