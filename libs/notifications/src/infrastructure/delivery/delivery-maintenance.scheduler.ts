import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import type { Queue } from 'bullmq';
import {
  DELIVERY_MAINTENANCE_JOB,
  DELIVERY_MAINTENANCE_SCHEDULER_ID,
} from '../../application/delivery/delivery-jobs.js';

/**
 * Every worker upserts the same BullMQ job scheduler (fixed id), so however many run there is one
 * maintenance job per interval; a changed interval replaces the old schedule.
 */
@Injectable()
export class DeliveryMaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(DELIVERY_MAINTENANCE_JOB.queue) private readonly queue: Queue,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.get('PUSH_MAINTENANCE_INTERVAL_SECONDS', { infer: true }) * 1000;
    await this.queue.upsertJobScheduler(
      DELIVERY_MAINTENANCE_SCHEDULER_ID,
      { every },
      // The next run does the same work: no retries, and keep only a few finished runs.
      { name: DELIVERY_MAINTENANCE_JOB.job, opts: { attempts: 1, removeOnComplete: 10, removeOnFail: 50 } },
    );
  }
}
