import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';

/** Reminders and alerts (their issue); today: the notifications in a user's data export. */
@Module({
  providers: [
    sqlPersonalDataSection(
      'notifications',
      `SELECT notification_id AS "id", type, scheduled_time AS "scheduledTime", delivered
       FROM notifications WHERE user_id = $1 ORDER BY scheduled_time`,
    ),
  ],
})
export class NotificationsModule {}
