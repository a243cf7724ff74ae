import { Module } from '@nestjs/common';
import { jobHandler } from '@techtrek/platform';
import { CheckReceiptsUseCase } from './application/delivery/check-receipts.use-case.js';
import { DeliverNotificationUseCase } from './application/delivery/deliver-notification.use-case.js';
import { DELIVER_NOTIFICATION_JOB, DELIVERY_MAINTENANCE_JOB } from './application/delivery/delivery-jobs.js';
import { DeliveryQueue } from './application/delivery/delivery-queue.js';
import { DeliveryStore } from './application/delivery/delivery-store.js';
import { PushBatcher } from './application/delivery/push-batcher.js';
import { SendRateLimiter } from './application/delivery/send-rate-limiter.js';
import { SweepOverdueDeliveriesUseCase } from './application/delivery/sweep-overdue.use-case.js';
import { BullMqDeliveryQueue } from './infrastructure/delivery/bullmq-delivery-queue.js';
import { DeliverNotificationJobHandler } from './infrastructure/delivery/deliver-notification.job-handler.js';
import { DeliveryMaintenanceJobHandler } from './infrastructure/delivery/delivery-maintenance.job-handler.js';
import { DeliveryMaintenanceScheduler } from './infrastructure/delivery/delivery-maintenance.scheduler.js';
import { RedisSendRateLimiter } from './infrastructure/delivery/redis-send-rate-limiter.js';
import { SqlDeliveryStore } from './infrastructure/delivery/sql-delivery-store.js';
import { pushProvidersProvider } from './infrastructure/push/configured-push-providers.js';
import { NotificationsModule } from './notifications.module.js';

/**
 * For the worker: delivers notifications through the push providers (batched per process, paced
 * globally), checks their receipts and sweeps deliveries whose job was lost.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    pushProvidersProvider,
    { provide: DeliveryStore, useClass: SqlDeliveryStore },
    { provide: DeliveryQueue, useClass: BullMqDeliveryQueue },
    { provide: SendRateLimiter, useClass: RedisSendRateLimiter },
    {
      provide: PushBatcher,
      inject: [SendRateLimiter, DeliveryStore],
      useFactory: (limiter: SendRateLimiter, store: DeliveryStore) => new PushBatcher(limiter, store),
    },
    DeliverNotificationUseCase,
    CheckReceiptsUseCase,
    SweepOverdueDeliveriesUseCase,
    DeliveryMaintenanceScheduler,
    ...jobHandler(DELIVER_NOTIFICATION_JOB, DeliverNotificationJobHandler),
    ...jobHandler(DELIVERY_MAINTENANCE_JOB, DeliveryMaintenanceJobHandler),
  ],
})
export class DeliveryWorkerModule {}
