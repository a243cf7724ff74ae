import { describe, expect, it } from '@jest/globals';
import type { DeliveryClaim } from './delivery-store.js';
import { PushBatcher } from './push-batcher.js';
import { PushProvider, type PushMessage, type PushReceipt, type PushSendResult } from './push-provider.js';
import type { SendRateLimiter } from './send-rate-limiter.js';

class RecordingProvider extends PushProvider {
  readonly name = 'expo' as const;
  readonly requests: string[][] = [];
  constructor(
    readonly maxBatchSize = 100,
    private readonly fail?: Error,
  ) {
    super();
  }
  async send(messages: readonly PushMessage[]): Promise<PushSendResult[]> {
    this.requests.push(messages.map((message) => message.token));
    if (this.fail) throw this.fail;
    return messages.map((message) => ({ ok: true, ticketId: `t-${message.token}` }));
  }
  async receipts(): Promise<Map<string, PushReceipt>> {
    return new Map();
  }
}

class CountingLimiter implements SendRateLimiter {
  granted: number[] = [];
  async acquire(count: number): Promise<void> {
    this.granted.push(count);
  }
}

const message = (token: string): PushMessage => ({ token, title: 't', body: 'b', data: {} });

/** Hands over every notification not yet moved, once, as the SQL store does; records each call. */
class HandOverLedger {
  readonly calls: number[][] = [];
  readonly moved = new Set<number>();
  async handOver(claims: readonly { notificationId: number }[]): Promise<Set<number>> {
    this.calls.push(claims.map(({ notificationId }) => notificationId));
    const won = claims.map(({ notificationId }) => notificationId).filter((id) => !this.moved.has(id));
    for (const id of won) this.moved.add(id);
    return new Set(won);
  }
}

let nextId = 0;
const claim = (): DeliveryClaim => ({ notificationId: (nextId += 1), fence: 0, handedOver: false });

describe('PushBatcher', () => {
  it('puts messages sent together into one request and answers each with its own ticket', async () => {
    const provider = new RecordingProvider();
    const limiter = new CountingLimiter();
    const batcher = new PushBatcher(limiter, new HandOverLedger(), 5);

    const results = await Promise.all(['a', 'b', 'c'].map((token) => batcher.send(provider, message(token), claim())));

    expect(provider.requests).toEqual([['a', 'b', 'c']]);
    expect(results).toEqual(['a', 'b', 'c'].map((token) => ({ ok: true, ticketId: `t-${token}` })));
    expect(limiter.granted).toEqual([3]);
  });

  it('sends a full batch at once, without waiting, and never more than the provider takes', async () => {
    const provider = new RecordingProvider(100);
    const batcher = new PushBatcher(new CountingLimiter(), new HandOverLedger(), 60_000);
    const tokens = Array.from({ length: 250 }, (_, index) => `d${index}`);

    const sending = tokens.map((token) => batcher.send(provider, message(token), claim()));
    await Promise.all(sending.slice(0, 200));
    expect(provider.requests.map((request) => request.length)).toEqual([100, 100]);
    await batcher.drain();
    await Promise.all(sending);

    expect(provider.requests.map((request) => request.length)).toEqual([100, 100, 50]);
  });

  it('gives every message of a failed request a transient failure instead of rejecting', async () => {
    const provider = new RecordingProvider(100, new Error('connect ECONNREFUSED'));
    const batcher = new PushBatcher(new CountingLimiter(), new HandOverLedger(), 1);

    const results = await Promise.all(['a', 'b'].map((token) => batcher.send(provider, message(token), claim())));

    expect(results).toEqual([
      { ok: false, kind: 'transient', message: 'connect ECONNREFUSED' },
      { ok: false, kind: 'transient', message: 'connect ECONNREFUSED' },
    ]);
  });

  it('keeps providers apart', async () => {
    const expo = new RecordingProvider();
    const other = new RecordingProvider();
    const batcher = new PushBatcher(new CountingLimiter(), new HandOverLedger(), 1);

    await Promise.all([batcher.send(expo, message('a'), claim()), batcher.send(other, message('b'), claim())]);

    expect(expo.requests).toEqual([['a']]);
    expect(other.requests).toEqual([['b']]);
  });

  it("hands a try's notification over once, right before its first request, and sends nothing for a try that lost it", async () => {
    const provider = new RecordingProvider(2);
    const ledger = new HandOverLedger();
    const batcher = new PushBatcher(new CountingLimiter(), ledger, 60_000);
    const winner = claim();
    const loser: DeliveryClaim = { ...winner, handedOver: false };

    // The winner's three messages span two requests; the loser's try read the same row.
    const sent = [batcher.send(provider, message('a'), winner), batcher.send(provider, message('b'), winner)];
    await Promise.all(sent);
    const later = batcher.send(provider, message('c'), winner);
    const lost = batcher.send(provider, message('a'), loser);
    await batcher.drain();

    expect(await later).toEqual({ ok: true, ticketId: 't-c' });
    expect(await lost).toEqual({ ok: false, kind: 'taken-over' });
    expect(provider.requests).toEqual([['a', 'b'], ['c']]);
    expect(ledger.calls).toEqual([[winner.notificationId], [loser.notificationId]]);
  });
});
