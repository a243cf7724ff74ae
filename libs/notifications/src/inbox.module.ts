import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module.js';

/** For the API: devices, the learner's notifications, admin broadcasts and the queue board. */
@Module({ imports: [NotificationsModule] })
export class InboxHttpModule {}

/** For the worker: fans broadcasts out to their audience. */
@Module({ imports: [NotificationsModule] })
export class InboxWorkerModule {}
