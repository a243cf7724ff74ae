import { Module } from '@nestjs/common';
import { DeliveryWorkerModule } from './delivery.module.js';
import { InboxWorkerModule } from './inbox.module.js';
import { RemindersWorkerModule } from './reminders.module.js';

/** Every notifications job handler and scheduler, for the worker app. */
@Module({ imports: [DeliveryWorkerModule, InboxWorkerModule, RemindersWorkerModule] })
export class NotificationsWorkerModule {}
