import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Clock, Transactions } from '@techtrek/platform';
import type { NotificationDraft } from '../../domain/notification.js';
import {
  DELIVER_NOTIFICATION_JOB,
  DELIVERY_JOB_OPTIONS,
  deliveryJobId,
  type DeliverNotificationPayload,
} from '../../application/delivery/delivery-jobs.js';
import { NotificationSender } from '../../application/delivery/notification-sender.js';

interface Created {
  id: number;
  deliverAt: Date;
}

/**
 * Inserts the drafts in one statement and queues a delivery job per new row after commit, delayed
 * to its time. A crash between the two leaves a `scheduled` row without a job; the delivery sweep
 * queues those (the job id makes queueing twice harmless).
 */
@Injectable()
export class QueuedNotificationSender extends NotificationSender {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectQueue(DELIVER_NOTIFICATION_JOB.queue) private readonly queue: Queue<DeliverNotificationPayload>,
  ) {
    super();
  }

  async send(drafts: readonly NotificationDraft[]): Promise<number[]> {
    if (drafts.length === 0) return [];
    const now = this.clock.now();
    const created = await this.transactions.manager.query<Created[]>(
      `WITH created AS (
         INSERT INTO notifications (user_id, type, title, body, data, scheduled_time, dedupe_key, broadcast_id)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[],
                              $7::text[], $8::int[])
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING notification_id AS "id", scheduled_time AS "deliverAt"
       )
       SELECT * FROM created`,
      [
        drafts.map((draft) => draft.userId),
        drafts.map((draft) => draft.kind),
        drafts.map((draft) => draft.title),
        drafts.map((draft) => draft.body),
        drafts.map((draft) => JSON.stringify(draft.data ?? {})),
        drafts.map((draft) => draft.deliverAt ?? now),
        drafts.map((draft) => draft.dedupeKey ?? null),
        drafts.map((draft) => draft.broadcastId ?? null),
      ],
    );
    await this.transactions.afterCommit(() => this.enqueue(created));
    return created.map(({ id }) => id);
  }

  private async enqueue(created: readonly Created[]): Promise<void> {
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      created.map(({ id, deliverAt }) => ({
        name: DELIVER_NOTIFICATION_JOB.job,
        data: { notificationId: id },
        opts: { ...DELIVERY_JOB_OPTIONS, jobId: deliveryJobId(id), delay: Math.max(0, deliverAt.getTime() - now) },
      })),
    );
  }
}
