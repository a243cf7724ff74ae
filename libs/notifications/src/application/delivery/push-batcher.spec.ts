import { describe, expect, it } from '@jest/globals';
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

describe('PushBatcher', () => {
  it('puts messages sent together into one request and answers each with its own ticket', async () => {
    const provider = new RecordingProvider();
    const limiter = new CountingLimiter();
    const batcher = new PushBatcher(limiter, 5);

    const results = await Promise.all(['a', 'b', 'c'].map((token) => batcher.send(provider, message(token))));

    expect(provider.requests).toEqual([['a', 'b', 'c']]);
    expect(results).toEqual(['a', 'b', 'c'].map((token) => ({ ok: true, ticketId: `t-${token}` })));
    expect(limiter.granted).toEqual([3]);
  });

  it('sends a full batch at once, without waiting, and never more than the provider takes', async () => {
    const provider = new RecordingProvider(100);
    const batcher = new PushBatcher(new CountingLimiter(), 60_000);
    const tokens = Array.from({ length: 250 }, (_, index) => `d${index}`);

    const sending = tokens.map((token) => batcher.send(provider, message(token)));
    await Promise.all(sending.slice(0, 200));
    expect(provider.requests.map((request) => request.length)).toEqual([100, 100]);
    await batcher.drain();
    await Promise.all(sending);

    expect(provider.requests.map((request) => request.length)).toEqual([100, 100, 50]);
  });

  it('gives every message of a failed request a transient failure instead of rejecting', async () => {
    const provider = new RecordingProvider(100, new Error('connect ECONNREFUSED'));
    const batcher = new PushBatcher(new CountingLimiter(), 1);

    const results = await Promise.all(['a', 'b'].map((token) => batcher.send(provider, message(token))));

    expect(results).toEqual([
      { ok: false, kind: 'transient', message: 'connect ECONNREFUSED' },
      { ok: false, kind: 'transient', message: 'connect ECONNREFUSED' },
    ]);
  });

  it('keeps providers apart', async () => {
    const expo = new RecordingProvider();
    const other = new RecordingProvider();
    const batcher = new PushBatcher(new CountingLimiter(), 1);

    await Promise.all([batcher.send(expo, message('a')), batcher.send(other, message('b'))]);

    expect(expo.requests).toEqual([['a']]);
    expect(other.requests).toEqual([['b']]);
  });
});
