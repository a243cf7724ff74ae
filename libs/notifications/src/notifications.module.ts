import { Module } from '@nestjs/common';
import { NotificationSender } from './application/delivery/notification-sender.js';
import { QueuedNotificationSender } from './infrastructure/delivery/queued-notification-sender.js';

/**
 * The core of notifications (issue #6), in both apps: creating notifications (`NotificationSender`).
 * Routes and the learner's data export live in `NotificationsHttpModule`, processors and
 * schedulers in `NotificationsWorkerModule`.
 */
@Module({
  providers: [{ provide: NotificationSender, useClass: QueuedNotificationSender }],
  exports: [NotificationSender],
})
export class NotificationsModule {}
