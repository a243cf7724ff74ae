import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, type Environment } from '@techtrek/platform';
import { DeliveryStore, type TicketCheck, type UncheckedTicket } from './delivery-store.js';
import { PushProviders, type PushProviderName } from './push-provider.js';

const BATCH = 1_000;
const MAX_BATCHES_PER_RUN = 20;
/** Expo keeps receipts about a day: a ticket still without one after that will never get one. */
const RECEIPTS_KEPT_MS = 24 * 3600 * 1000;

export interface ReceiptsReport {
  checked: number;
  removedDevices: number;
}

/**
 * Asks the providers what became of tickets older than PUSH_RECEIPT_DELAY_MINUTES, records each
 * answer on its ticket, and removes the devices a receipt says are gone (unless the token was
 * registered again after the push). Tickets whose receipt is not ready stay unchecked and are asked
 * again on the next run; a provider that cannot answer now is asked again too.
 */
@Injectable()
export class CheckReceiptsUseCase {
  private readonly logger = new Logger('PushReceipts');
  private readonly delayMs: number;

  constructor(
    private readonly store: DeliveryStore,
    private readonly providers: PushProviders,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.delayMs = config.get('PUSH_RECEIPT_DELAY_MINUTES', { infer: true }) * 60_000;
  }

  async execute(): Promise<ReceiptsReport> {
    const report: ReceiptsReport = { checked: 0, removedDevices: 0 };
    let before = new Date(this.clock.now().getTime() - this.delayMs);
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const tickets = await this.store.uncheckedTickets(before, BATCH);
      if (tickets.length === 0) break;
      await this.checkBatch(tickets, report);
      if (tickets.length < BATCH) break;
      // Unready receipts stay unchecked: continue after this batch rather than read it again.
      before = new Date(Math.min(before.getTime(), tickets[tickets.length - 1].createdAt.getTime() - 1));
      if (tickets[0].createdAt.getTime() === tickets[tickets.length - 1].createdAt.getTime()) break;
    }
    return report;
  }

  private async checkBatch(tickets: readonly UncheckedTicket[], report: ReceiptsReport): Promise<void> {
    const now = this.clock.now();
    const byProvider = new Map<PushProviderName, UncheckedTicket[]>();
    for (const ticket of tickets) byProvider.set(ticket.provider, [...(byProvider.get(ticket.provider) ?? []), ticket]);
    for (const [name, group] of byProvider) {
      let receipts;
      try {
        receipts = await this.providers.byName(name).receipts(group.map(({ ticketId }) => ticketId));
      } catch (error) {
        this.logger.warn(`Receipts from ${name} unavailable, asking again later: ${String(error)}`);
        continue;
      }
      const checks: TicketCheck[] = [];
      for (const ticket of group) {
        const receipt = receipts.get(ticket.ticketId);
        if (receipt?.status === 'ok') checks.push({ ticketId: ticket.ticketId, status: 'ok' });
        else if (receipt) {
          checks.push({ ticketId: ticket.ticketId, status: receipt.status, error: receipt.message });
          if (receipt.status === 'device-not-registered') {
            report.removedDevices += await this.store.removeDevices([ticket.token], ticket.createdAt);
          }
        } else if (now.getTime() - ticket.createdAt.getTime() > RECEIPTS_KEPT_MS) {
          checks.push({ ticketId: ticket.ticketId, status: 'unknown', error: 'no receipt within a day' });
        }
      }
      await this.store.recordChecks(checks, now);
      report.checked += checks.length;
    }
  }
}
