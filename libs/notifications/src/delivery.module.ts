import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module.js';

/** For the worker: delivers notifications through the push providers and checks their receipts. */
@Module({ imports: [NotificationsModule] })
export class DeliveryWorkerModule {}
