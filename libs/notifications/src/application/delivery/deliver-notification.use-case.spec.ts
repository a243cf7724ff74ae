import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '@techtrek/platform/kernel';
import { INTERRUPTED_SEND_ERROR } from '../../domain/delivery/delivery-outcome.js';
import { DeliverNotificationUseCase } from './deliver-notification.use-case.js';
import {
  DeliveryStore,
  type DeliveryClaim,
  type DeliveryDevice,
  type DueNotification,
  type IssuedTicket,
} from './delivery-store.js';
import { PushBatcher } from './push-batcher.js';
import { PushProvider, PushProviders, type PushMessage, type PushSendResult } from './push-provider.js';

class MemoryStore extends DeliveryStore {
  status = 'scheduled';
  attempts = 0;
  lastError: string | null = null;
  devices: DeliveryDevice[] = [];
  tickets: IssuedTicket[] = [];
  removed: string[] = [];

  async findDue(id: number): Promise<DueNotification | { status: string } | undefined> {
    if (this.status !== 'scheduled') return { status: this.status };
    const devices = this.devices.filter((device) => !this.tickets.some((ticket) => ticket.token === device.token));
    return { id, userId: 1, title: 't', body: 'b', data: {}, fence: this.attempts, devices };
  }
  async handOver(claims: readonly { notificationId: number; fence: number }[]): Promise<Set<number>> {
    const mine = claims.find(({ fence }) => this.status === 'scheduled' && this.attempts === fence);
    if (!mine) return new Set();
    this.status = 'sending';
    this.attempts = mine.fence + 1;
    return new Set([mine.notificationId]);
  }
  /** As the SQL store: only while the try holds the row. */
  private finish(claim: DeliveryClaim, status: string, lastError: string | null): void {
    const holds =
      (this.status === 'scheduled' && this.attempts === claim.fence) ||
      (this.status === 'sending' && this.attempts === claim.fence + 1);
    if (!holds) return;
    this.status = status;
    this.attempts = claim.fence + 1;
    this.lastError = lastError;
  }
  async recordTickets(_id: number, tickets: readonly IssuedTicket[]): Promise<void> {
    this.tickets.push(...tickets);
  }
  async hasTickets(): Promise<boolean> {
    return this.tickets.length > 0;
  }
  async removeDevices(tokens: readonly string[]): Promise<number> {
    this.removed.push(...tokens);
    this.devices = this.devices.filter((device) => !tokens.includes(device.token));
    return tokens.length;
  }
  async markSent(claim: DeliveryClaim, tickets: readonly IssuedTicket[], _now: Date, lastError: string | null) {
    this.tickets.push(...tickets);
    this.finish(claim, 'sent', lastError);
  }
  async markFailed(claim: DeliveryClaim, error: string): Promise<void> {
    this.finish(claim, 'failed', error);
  }
  async backToScheduled(claim: DeliveryClaim, error: string): Promise<void> {
    this.finish(claim, 'scheduled', error);
  }
  async failInterrupted(_id: number, error: string): Promise<void> {
    if (this.status !== 'sending') return;
    this.status = 'failed';
    this.lastError = error;
  }
  async uncheckedTickets(): Promise<never[]> {
    return [];
  }
  async recordChecks(): Promise<void> {}
  async overdue(): Promise<number[]> {
    return [];
  }
}

/** Answers each token with what `answers` says (a ticket by default); counts what it was sent. */
class ScriptedProvider extends PushProvider {
  readonly name = 'expo' as const;
  readonly maxBatchSize = 100;
  readonly sent: string[] = [];
  answers = new Map<string, PushSendResult>();
  async send(messages: readonly PushMessage[]): Promise<PushSendResult[]> {
    this.sent.push(...messages.map((message) => message.token));
    return messages.map(({ token }) => this.answers.get(token) ?? { ok: true, ticketId: `ticket-${token}` });
  }
  async receipts(): Promise<Map<string, never>> {
    return new Map<string, never>();
  }
}

function setUp(tokens: string[]) {
  const store = new MemoryStore();
  store.devices = tokens.map((token) => ({ token, provider: 'expo' }));
  const provider = new ScriptedProvider();
  const providers: PushProviders = { forDevice: () => provider, byName: () => provider };
  const batcher = new PushBatcher({ acquire: async () => undefined }, store, 1);
  const useCase = new DeliverNotificationUseCase(store, providers, batcher, new FixedClock(new Date()));
  const run = (attempt = 1) => useCase.execute({ notificationId: 7, attempt, maxAttempts: 3 });
  return { store, provider, run };
}

const transient = { ok: false, kind: 'transient', message: 'HTTP 503' } as const;

describe('DeliverNotificationUseCase', () => {
  it('sends to every device and records a ticket each', async () => {
    const { store, provider, run } = setUp(['a', 'b']);

    expect(await run()).toEqual({ kind: 'sent', tickets: 2, removedDevices: 0 });
    expect(provider.sent).toEqual(['a', 'b']);
    expect(store).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('marks a notification without devices sent', async () => {
    const { store, run } = setUp([]);

    expect(await run()).toMatchObject({ kind: 'sent', tickets: 0 });
    expect(store.status).toBe('sent');
  });

  it('leaves a notification that is not scheduled alone', async () => {
    const { store, provider, run } = setUp(['a']);
    store.status = 'cancelled';

    expect(await run()).toEqual({ kind: 'skipped', reason: 'cancelled' });
    expect(provider.sent).toEqual([]);
  });

  it('sends one its earlier try left scheduled (that worker died before handing it over)', async () => {
    const { store, provider, run } = setUp(['a']);
    store.attempts = 1;

    expect(await run(2)).toMatchObject({ kind: 'sent', tickets: 1 });
    expect(provider.sent).toEqual(['a']);
    expect(store).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends once when two tries of the same notification run at the same time', async () => {
    const { store, provider, run } = setUp(['a', 'b']);

    const outcomes = await Promise.all([run(1), run(1)]);

    expect(outcomes).toEqual(
      expect.arrayContaining([
        { kind: 'sent', tickets: 2, removedDevices: 0 },
        { kind: 'skipped', reason: 'taken over by another try' },
      ]),
    );
    expect(provider.sent).toEqual(['a', 'b']);
    expect(store).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('fails, without sending again, one found sending (its worker died mid-send)', async () => {
    const { store, provider, run } = setUp(['a']);
    store.status = 'sending';

    expect(await run()).toEqual({ kind: 'interrupted' });
    expect(provider.sent).toEqual([]);
    expect(store).toMatchObject({ status: 'failed', lastError: INTERRUPTED_SEND_ERROR });
  });

  it('retries a transient failure only for the devices still without a ticket', async () => {
    const { store, provider, run } = setUp(['a', 'b']);
    provider.answers.set('b', transient);

    expect(await run(1)).toEqual({ kind: 'retry', error: 'HTTP 503' });
    expect(store).toMatchObject({ status: 'scheduled', lastError: 'HTTP 503' });

    provider.answers.clear();
    expect(await run(2)).toMatchObject({ kind: 'sent', tickets: 1 });
    expect(provider.sent).toEqual(['a', 'b', 'b']);
    expect(store.attempts).toBe(2);
  });

  it('fails when the tries are spent and no device was reached', async () => {
    const { store, provider, run } = setUp(['a']);
    provider.answers.set('a', transient);

    expect(await run(3)).toEqual({ kind: 'failed', error: 'HTTP 503 (gave up after 3 tries)' });
    expect(store.status).toBe('failed');
  });

  it('fails at once on a permanent error, but counts as sent when another device got it', async () => {
    const permanent = { ok: false, kind: 'permanent', message: 'MessageTooBig' } as const;
    const alone = setUp(['a']);
    alone.provider.answers.set('a', permanent);
    expect(await alone.run(1)).toEqual({ kind: 'failed', error: 'MessageTooBig' });

    const mixed = setUp(['a', 'b']);
    mixed.provider.answers.set('a', permanent);
    expect(await mixed.run(1)).toMatchObject({ kind: 'sent', tickets: 1 });
    expect(mixed.store.lastError).toBe('MessageTooBig');
  });

  it('removes devices that are not registered any more', async () => {
    const { store, provider, run } = setUp(['a', 'b']);
    provider.answers.set('a', { ok: false, kind: 'device-not-registered', message: 'gone' });

    expect(await run()).toEqual({ kind: 'sent', tickets: 1, removedDevices: 1 });
    expect(store.removed).toEqual(['a']);
  });
});
