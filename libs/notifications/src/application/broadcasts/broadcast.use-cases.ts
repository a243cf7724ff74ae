import { Injectable, Logger } from '@nestjs/common';
import { Outbox, Transactions } from '@techtrek/platform';
import { isStoredId } from '@techtrek/platform/kernel';
import {
  BROADCAST_BATCH_SIZE,
  BroadcastNotFoundError,
  broadcastDedupeKey,
  isTopicAudience,
  UnknownTopicError,
} from '../../domain/broadcasts/broadcast.js';
import { NotificationSender } from '../delivery/notification-sender.js';
import { BROADCAST_CREATED_EVENT, FanOutQueue, type FanOutBroadcastPayload } from './broadcast-jobs.js';
import {
  BroadcastAudiences,
  BroadcastRepository,
  type BroadcastRecord,
  type DeliveryCounts,
  type NewBroadcast,
} from './broadcast.repository.js';

export interface BroadcastProgress extends BroadcastRecord {
  delivery: DeliveryCounts;
}

/**
 * POST /admin/notifications/broadcast: stores the broadcast and, in the same transaction, the
 * outbox event that starts its fan-out in the worker (ADR 0005): no broadcast without its fan-out.
 * After the commit it also queues the first step directly, ahead of any delivery backlog; the
 * event's own job then finds the work done or under way (steps are serialised and idempotent).
 */
@Injectable()
export class StartBroadcastUseCase {
  private readonly logger = new Logger(StartBroadcastUseCase.name);

  constructor(
    private readonly steps: FanOutQueue,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
    private readonly broadcasts: BroadcastRepository,
    private readonly audiences: BroadcastAudiences,
  ) {}

  async execute(request: NewBroadcast): Promise<BroadcastProgress> {
    if (isTopicAudience(request.audience) && !(await this.audiences.exists(request.audience))) {
      throw new UnknownTopicError(request.audience.topic);
    }
    const created = await this.transactions.run(async () => {
      const broadcast = await this.broadcasts.create(request);
      const payload: FanOutBroadcastPayload = { broadcastId: broadcast.id };
      await this.outbox.record(BROADCAST_CREATED_EVENT, payload);
      return broadcast;
    });
    await this.steps.queueStep(created.id, 0).catch((error: unknown) => {
      this.logger.warn(`Broadcast ${created.id} waits for its outbox event: ${String(error)}`);
    });
    return { ...created, delivery: { scheduled: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 } };
  }
}

/**
 * One fan-out step, in one transaction: the next batch of the audience after the stored position
 * becomes notifications (one `NotificationSender.send`), and the position moves past them. A step
 * that fails leaves nothing behind and runs again from the same place; a step run twice creates
 * nothing twice (the position, and each recipient's dedupe key). Returns the new position when
 * more may follow, undefined once the broadcast is fanned out (or unknown).
 */
@Injectable()
export class FanOutBroadcastUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly broadcasts: BroadcastRepository,
    private readonly audiences: BroadcastAudiences,
    private readonly sender: NotificationSender,
  ) {}

  execute(broadcastId: number, batchSize = BROADCAST_BATCH_SIZE): Promise<number | undefined> {
    return this.transactions.run(async () => {
      const broadcast = await this.broadcasts.lockForFanOut(broadcastId);
      if (!broadcast || broadcast.status === 'fanned_out') return undefined;
      const recipients = await this.audiences.page(
        broadcast.audience,
        broadcast.lastUserId,
        broadcast.audienceMaxUserId,
        batchSize,
      );
      const created = await this.sender.send(
        recipients.map((userId) => ({
          userId,
          kind: 'broadcast' as const,
          title: broadcast.title,
          body: broadcast.body,
          data: { broadcastId: String(broadcastId) },
          dedupeKey: broadcastDedupeKey(broadcastId, userId),
          broadcastId,
        })),
      );
      const finished = recipients.length < batchSize;
      const position = recipients.at(-1) ?? broadcast.lastUserId;
      await this.broadcasts.recordStep(broadcastId, position, created.length, finished);
      return finished ? undefined : position;
    });
  }
}

/** GET /admin/notifications/broadcast/:id: where the fan-out is, and how delivery goes. */
@Injectable()
export class BroadcastProgressQuery {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(id: number): Promise<BroadcastProgress> {
    const broadcast = isStoredId(id) ? await this.broadcasts.find(id) : undefined;
    if (!broadcast) throw new BroadcastNotFoundError();
    return { ...broadcast, delivery: await this.broadcasts.deliveryCounts(id) };
  }
}
