import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { Outbox } from '../outbox/outbox.js';
import { OutboxRoutes } from '../outbox/outbox-routes.js';
import { queueConnectionOptions } from '../redis/redis-connection.factory.js';
import { JobHandlers } from './job-handlers.js';
import { queueErrorLoggerProvider } from './queue-error.logger.js';
import { QUEUE_NAMES } from './queue-names.js';

const KEEP_COMPLETED = { age: 24 * 3600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/**
 * BullMQ's connection and the queues. Both apps import it to enqueue; only the worker app adds
 * processors (`QueueWorkersModule`). Jobs retry with exponential backoff and are kept long enough
 * to debug; completed ones for a day, which is also how long a re-relayed outbox event (same job
 * id) stays a no-op. The registries of outbox routes and job handlers, and the `Outbox` itself,
 * live here so every module of either app can declare and record through them.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        connection: queueConnectionOptions(config.get('REDIS_URL', { infer: true }), 'techtrek-queues'),
        prefix: `${config.get('REDIS_KEY_PREFIX', { infer: true })}bull`,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [queueErrorLoggerProvider, OutboxRoutes, JobHandlers, Outbox],
  exports: [BullModule, OutboxRoutes, JobHandlers, Outbox],
})
export class QueuesModule {}
