import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  DELIVER_NOTIFICATION_JOB,
  DELIVERY_JOB_OPTIONS,
  deliveryJobId,
  type DeliverNotificationPayload,
} from '../../application/delivery/delivery-jobs.js';
import { DeliveryQueue } from '../../application/delivery/delivery-queue.js';

/** States in which a job will still run: queueing it again would be a no-op anyway. */
const PENDING = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

@Injectable()
export class BullMqDeliveryQueue extends DeliveryQueue {
  constructor(@InjectQueue(DELIVER_NOTIFICATION_JOB.queue) private readonly queue: Queue<DeliverNotificationPayload>) {
    super();
  }

  async requeue(notificationIds: readonly number[]): Promise<number> {
    let queued = 0;
    for (const id of notificationIds) {
      const jobId = deliveryJobId(id);
      const state = await this.queue.getJobState(jobId);
      if (PENDING.has(state)) continue;
      // A finished job keeps its id (completed ones for a day): remove it so the id can run again.
      if (state === 'completed' || state === 'failed') await this.queue.remove(jobId);
      await this.queue.add(DELIVER_NOTIFICATION_JOB.job, { notificationId: id }, { ...DELIVERY_JOB_OPTIONS, jobId });
      queued += 1;
    }
    return queued;
  }
}
