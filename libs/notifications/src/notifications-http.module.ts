import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';
import { InboxHttpModule } from './inbox.module.js';
import { NotificationsModule } from './notifications.module.js';
import { RemindersHttpModule } from './reminders.module.js';

/**
 * Every /notifications and /admin/notifications route, and /admin/queues, for the API app; and
 * the learner's notifications, devices and preferences in their data export (GET /me/export).
 */
@Module({
  imports: [NotificationsModule, InboxHttpModule, RemindersHttpModule],
  providers: [
    sqlPersonalDataSection(
      'notifications',
      `SELECT notification_id AS "id", type, title, body, data, status, scheduled_time AS "scheduledTime",
              sent_at AS "sentAt", read_at AS "readAt", created_at AS "createdAt"
       FROM notifications WHERE user_id = $1 ORDER BY scheduled_time, notification_id`,
    ),
    sqlPersonalDataSection(
      'devices',
      `SELECT token, platform, provider, registered_at AS "registeredAt", updated_at AS "updatedAt"
       FROM devices WHERE user_id = $1 ORDER BY device_id`,
    ),
    sqlPersonalDataSection(
      'notificationPreferences',
      `SELECT reminder_enabled AS "reminderEnabled", to_char(reminder_local_time, 'HH24:MI') AS "reminderLocalTime",
              milestone_alerts AS "milestoneAlerts", to_char(quiet_start, 'HH24:MI') AS "quietStart",
              to_char(quiet_end, 'HH24:MI') AS "quietEnd", updated_at AS "updatedAt"
       FROM notification_preferences WHERE user_id = $1`,
    ),
  ],
})
export class NotificationsHttpModule {}
