import type { PushFailure } from '../../domain/delivery/push-failure.js';
import type { DeliveryClaim, DeliveryStore } from './delivery-store.js';
import type { PushMessage, PushProvider, PushSendResult } from './push-provider.js';
import type { SendRateLimiter } from './send-rate-limiter.js';

/** What a batched message came to: the provider's answer, or `taken-over` (never sent, see `send`). */
export type BatchedSendResult = PushSendResult | { ok: false; kind: 'taken-over' };

interface Waiting {
  message: PushMessage;
  claim: DeliveryClaim;
  resolve: (result: BatchedSendResult) => void;
}

/** How long a batch that is not full waits for more messages from other running jobs. */
export const DEFAULT_LINGER_MS = 20;

/**
 * Gathers the messages of the delivery jobs running at once in this process into provider
 * requests of up to `maxBatchSize` (100 for Expo): 64 concurrent jobs then make a few full
 * requests instead of 64 small ones. A batch goes when full or `lingerMs` after its first message,
 * once the rate limiter grants its messages and its notifications are handed over (`scheduled` →
 * `sending`), in that order and right before the request: a worker that dies before then leaves its
 * notifications `scheduled`, to be sent by the job's next try, and one that dies after leaves them
 * `sending`, which are never sent again. Never rejects: a failed request, limiter or hand-over
 * gives every message of the batch a transient failure.
 */
export class PushBatcher {
  private readonly waiting = new Map<PushProvider, Waiting[]>();
  private readonly timers = new Map<PushProvider, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly limiter: SendRateLimiter,
    private readonly store: Pick<DeliveryStore, 'handOver'>,
    private readonly lingerMs = DEFAULT_LINGER_MS,
  ) {}

  /**
   * Sends `message` for the try that holds `claim` (one claim object for all the try's messages).
   * `taken-over`: another try of the notification handed it over first; this one sent nothing.
   */
  send(provider: PushProvider, message: PushMessage, claim: DeliveryClaim): Promise<BatchedSendResult> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(provider) ?? [];
      this.waiting.set(provider, queue);
      queue.push({ message, claim, resolve });
      if (queue.length >= provider.maxBatchSize) this.flush(provider);
      else if (!this.timers.has(provider)) {
        this.timers.set(
          provider,
          setTimeout(() => this.flush(provider), this.lingerMs),
        );
      }
    });
  }

  /** Sends what waits now and resolves when every request started so far has finished. */
  async drain(): Promise<void> {
    for (const provider of [...this.waiting.keys()]) this.flush(provider);
    await Promise.all([...this.inFlight]);
  }

  private flush(provider: PushProvider): void {
    clearTimeout(this.timers.get(provider));
    this.timers.delete(provider);
    const queue = this.waiting.get(provider) ?? [];
    while (queue.length > 0) {
      const batch = queue.splice(0, provider.maxBatchSize);
      const request = this.deliver(provider, batch).finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
    }
  }

  private async deliver(provider: PushProvider, batch: Waiting[]): Promise<void> {
    let sendable: Waiting[] = [];
    let results: PushSendResult[];
    try {
      await this.limiter.acquire(batch.length);
      sendable = await this.handOver(batch);
      results = sendable.length > 0 ? await provider.send(sendable.map(({ message }) => message)) : [];
    } catch (error) {
      sendable = batch;
      results = batch.map(() => transient(error));
    }
    sendable.forEach(({ resolve }, index) => resolve(results[index] ?? transient('no result for this message')));
    for (const waiting of batch) if (!sendable.includes(waiting)) waiting.resolve({ ok: false, kind: 'taken-over' });
  }

  /**
   * The batch's messages whose try holds its notification, handing over those not yet handed over.
   * Two tries of one notification in the same batch: only the first asks, the other has lost.
   */
  private async handOver(batch: readonly Waiting[]): Promise<Waiting[]> {
    const contenders = new Map<number, DeliveryClaim>();
    for (const { claim } of batch) {
      if (!claim.handedOver && !contenders.has(claim.notificationId)) contenders.set(claim.notificationId, claim);
    }
    const moved = await this.store.handOver([...contenders.values()]);
    for (const claim of contenders.values()) claim.handedOver = moved.has(claim.notificationId);
    return batch.filter(({ claim }) => claim.handedOver);
  }
}

function transient(error: unknown): { ok: false } & PushFailure {
  return { ok: false, kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}
