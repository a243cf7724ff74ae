import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  FAN_OUT_BROADCAST_JOB,
  FanOutQueue,
  fanOutJobId,
  type FanOutBroadcastPayload,
} from '../../application/broadcasts/broadcast-jobs.js';

/**
 * Steps go to the front of the notifications queue (LIFO): each step queues a thousand deliveries,
 * and behind them (and any other backlog) a large fan-out would crawl.
 */
@Injectable()
export class BullFanOutQueue extends FanOutQueue {
  constructor(@InjectQueue(FAN_OUT_BROADCAST_JOB.queue) private readonly queue: Queue<FanOutBroadcastPayload>) {
    super();
  }

  async queueStep(broadcastId: number, lastUserId: number): Promise<void> {
    await this.queue.add(
      FAN_OUT_BROADCAST_JOB.job,
      { broadcastId },
      { jobId: fanOutJobId(broadcastId, lastUserId), lifo: true },
    );
  }
}
