export { NotificationsModule } from './notifications.module.js';
export { NotificationsHttpModule } from './notifications-http.module.js';
export { NotificationsWorkerModule } from './notifications-worker.module.js';
export { NotificationSender } from './application/delivery/notification-sender.js';
export {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationDraft,
  type NotificationKind,
  type NotificationStatus,
} from './domain/notification.js';
export { RunReminderTickUseCase, type ReminderTickReport } from './application/reminders/reminder-tick.use-case.js';
export { SendReminderUseCase } from './application/reminders/send-reminder.use-case.js';
