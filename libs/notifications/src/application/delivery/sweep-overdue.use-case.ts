import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform';
import { DeliveryQueue } from './delivery-queue.js';
import { DeliveryStore } from './delivery-store.js';

/** A row this late without being claimed has lost its job (normally it is claimed within seconds). */
export const OVERDUE_AFTER_MS = 60_000;
const LIMIT = 1_000;

/**
 * Queues again the delivery of `scheduled` notifications more than a minute overdue: a crash
 * between a commit and its enqueue, a job removed by hand. A row whose job still waits (a retry's
 * backoff, a busy queue) keeps that job; the job id makes the rest harmless.
 */
@Injectable()
export class SweepOverdueDeliveriesUseCase {
  constructor(
    private readonly store: DeliveryStore,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  /** How many deliveries were queued again. */
  async execute(): Promise<number> {
    const ids = await this.store.overdue(new Date(this.clock.now().getTime() - OVERDUE_AFTER_MS), LIMIT);
    return ids.length === 0 ? 0 : this.queue.requeue(ids);
  }
}
