import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform';
import type { PushFailure } from '../../domain/delivery/push-failure.js';
import { INTERRUPTED_SEND_ERROR } from '../../domain/delivery/delivery-outcome.js';
import type { DeliveryOutcome } from '../../domain/delivery/delivery-outcome.js';
import { DeliveryStore, type DeliveryClaim, type IssuedTicket } from './delivery-store.js';
import { PushBatcher } from './push-batcher.js';
import { PushProviders } from './push-provider.js';

export interface DeliverNotificationInput {
  notificationId: number;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Sends one notification to each of its owner's devices. The row's status makes it idempotent:
 * only a `scheduled`, due row is sent, and it becomes `sending` only when handed to the provider
 * (`PushBatcher`), so a worker that dies before that leaves it to the job's next try. One found
 * `sending` was handed over by a worker that died before recording the outcome, and is failed rather
 * than sent again (the provider may have it: a duplicate is worse than a miss). Tickets are stored
 * per device as they come, so a retry after a transient error reaches only the devices still
 * without one.
 */
@Injectable()
export class DeliverNotificationUseCase {
  constructor(
    private readonly store: DeliveryStore,
    private readonly providers: PushProviders,
    private readonly batcher: PushBatcher,
    private readonly clock: Clock,
  ) {}

  async execute({ notificationId, attempt, maxAttempts }: DeliverNotificationInput): Promise<DeliveryOutcome> {
    const startedAt = this.clock.now();
    const due = await this.store.findDue(notificationId, startedAt);
    if (!due) return { kind: 'skipped', reason: 'missing' };
    if (!('id' in due)) {
      if (due.status !== 'sending') return { kind: 'skipped', reason: due.status };
      await this.store.failInterrupted(notificationId, INTERRUPTED_SEND_ERROR);
      return { kind: 'interrupted' };
    }

    const claim: DeliveryClaim = { notificationId, fence: due.fence, handedOver: false };
    const results = await Promise.all(
      due.devices.map(async (device) => {
        const provider = this.providers.forDevice(device.provider);
        const message = { token: device.token, title: due.title, body: due.body, data: due.data };
        return { device, provider, result: await this.batcher.send(provider, message, claim) };
      }),
    );
    if (results.some(({ result }) => !result.ok && result.kind === 'taken-over')) {
      return { kind: 'skipped', reason: 'taken over by another try' };
    }

    const tickets: IssuedTicket[] = [];
    const gone: string[] = [];
    const failures: PushFailure[] = [];
    for (const { device, provider, result } of results) {
      if (result.ok) tickets.push({ ticketId: result.ticketId, provider: provider.name, token: device.token });
      else if (result.kind === 'device-not-registered') gone.push(device.token);
      else if (result.kind !== 'taken-over') failures.push(result);
    }
    if (gone.length > 0) await this.store.removeDevices(gone, startedAt);

    const transient = failures.find((failure) => failure.kind === 'transient');
    if (transient && attempt < maxAttempts) {
      await this.store.recordTickets(notificationId, tickets);
      await this.store.backToScheduled(claim, transient.message);
      return { kind: 'retry', error: transient.message };
    }
    const lastError = failures[0]?.message ?? null;
    // Reached a device (now or on an earlier try), or has none left: it is in the in-app feed.
    const reached = tickets.length > 0 || failures.length === 0 || (await this.store.hasTickets(notificationId));
    if (reached) {
      await this.store.markSent(claim, tickets, this.clock.now(), lastError);
      return { kind: 'sent', tickets: tickets.length, removedDevices: gone.length };
    }
    const error = transient ? `${lastError} (gave up after ${attempt} tries)` : (lastError ?? 'failed');
    await this.store.markFailed(claim, error);
    return { kind: 'failed', error };
  }
}
