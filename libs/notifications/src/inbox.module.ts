import { Module } from '@nestjs/common';
import { DeviceRepository } from './application/devices/device.repository.js';
import { RegisterDeviceUseCase, RemoveDeviceUseCase } from './application/devices/device.use-cases.js';
import { InboxRepository } from './application/inbox/inbox.repository.js';
import { NotificationFeedQuery } from './application/inbox/notification-feed.query.js';
import {
  CancelNotificationUseCase,
  MarkNotificationReadUseCase,
  SchedulePersonalReminderUseCase,
} from './application/inbox/personal-reminder.use-cases.js';
import { DevicesController } from './infrastructure/http/devices/devices.controller.js';
import { NotificationsController } from './infrastructure/http/inbox/notifications.controller.js';
import { SqlDeviceRepository } from './infrastructure/persistence/sql-device.repository.js';
import { SqlInboxRepository } from './infrastructure/persistence/sql-inbox.repository.js';
import { NotificationsModule } from './notifications.module.js';
import { RemindersModule } from './reminders.module.js';

/** For the API: devices, the learner's notifications, admin broadcasts and the queue board. */
@Module({
  imports: [NotificationsModule, RemindersModule],
  controllers: [DevicesController, NotificationsController],
  providers: [
    RegisterDeviceUseCase,
    RemoveDeviceUseCase,
    NotificationFeedQuery,
    SchedulePersonalReminderUseCase,
    MarkNotificationReadUseCase,
    CancelNotificationUseCase,
    { provide: DeviceRepository, useClass: SqlDeviceRepository },
    { provide: InboxRepository, useClass: SqlInboxRepository },
  ],
})
export class InboxHttpModule {}

/** For the worker: fans broadcasts out to their audience. */
@Module({ imports: [NotificationsModule] })
export class InboxWorkerModule {}
