import { Module } from '@nestjs/common';
import { jobHandler, outboxRoute } from '@techtrek/platform';
import { TopicLearnersModule } from '@techtrek/progress';
import {
  BROADCAST_CREATED_EVENT,
  FAN_OUT_BROADCAST_JOB,
  FanOutQueue,
} from './application/broadcasts/broadcast-jobs.js';
import { BroadcastAudiences, BroadcastRepository } from './application/broadcasts/broadcast.repository.js';
import {
  BroadcastProgressQuery,
  FanOutBroadcastUseCase,
  StartBroadcastUseCase,
} from './application/broadcasts/broadcast.use-cases.js';
import { DeviceRepository } from './application/devices/device.repository.js';
import { RegisterDeviceUseCase, RemoveDeviceUseCase } from './application/devices/device.use-cases.js';
import { InboxRepository } from './application/inbox/inbox.repository.js';
import { NotificationFeedQuery } from './application/inbox/notification-feed.query.js';
import {
  CancelNotificationUseCase,
  MarkNotificationReadUseCase,
  SchedulePersonalReminderUseCase,
} from './application/inbox/personal-reminder.use-cases.js';
import { QueueBoardModule } from './infrastructure/board/queue-board.module.js';
import { AdminBroadcastsController } from './infrastructure/http/admin/admin-broadcasts.controller.js';
import { DevicesController } from './infrastructure/http/devices/devices.controller.js';
import { NotificationsController } from './infrastructure/http/inbox/notifications.controller.js';
import {
  SqlBroadcastAudiences,
  SqlBroadcastRepository,
} from './infrastructure/persistence/sql-broadcast.repository.js';
import { SqlDeviceRepository } from './infrastructure/persistence/sql-device.repository.js';
import { SqlInboxRepository } from './infrastructure/persistence/sql-inbox.repository.js';
import { NotificationsModule } from './notifications.module.js';
import { RemindersModule } from './reminders.module.js';
import { BroadcastFanOutJobHandler } from './infrastructure/queue/broadcast-fan-out.job-handler.js';
import { BullFanOutQueue } from './infrastructure/queue/broadcast-fan-out.queue.js';

/**
 * Admin broadcasts (both apps): the API stores one with its outbox event, the worker fans it out.
 * The event's route is declared here, so the API can record it and the worker relay it.
 */
@Module({
  imports: [NotificationsModule, TopicLearnersModule],
  providers: [
    StartBroadcastUseCase,
    FanOutBroadcastUseCase,
    BroadcastProgressQuery,
    { provide: BroadcastRepository, useClass: SqlBroadcastRepository },
    { provide: BroadcastAudiences, useClass: SqlBroadcastAudiences },
    { provide: FanOutQueue, useClass: BullFanOutQueue },
    outboxRoute(BROADCAST_CREATED_EVENT, FAN_OUT_BROADCAST_JOB),
  ],
  exports: [StartBroadcastUseCase, FanOutBroadcastUseCase, BroadcastProgressQuery, FanOutQueue],
})
export class BroadcastsModule {}

/** For the API: devices, the learner's notifications, admin broadcasts and the queue board. */
@Module({
  imports: [NotificationsModule, RemindersModule, BroadcastsModule, QueueBoardModule],
  controllers: [DevicesController, NotificationsController, AdminBroadcastsController],
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
@Module({
  imports: [BroadcastsModule],
  providers: [...jobHandler(FAN_OUT_BROADCAST_JOB, BroadcastFanOutJobHandler)],
})
export class InboxWorkerModule {}
