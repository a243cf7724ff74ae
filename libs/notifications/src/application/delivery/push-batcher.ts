import type { PushFailure } from '../../domain/delivery/push-failure.js';
import type { PushMessage, PushProvider, PushSendResult } from './push-provider.js';
import type { SendRateLimiter } from './send-rate-limiter.js';

interface Waiting {
  message: PushMessage;
  resolve: (result: PushSendResult) => void;
}

/** How long a batch that is not full waits for more messages from other running jobs. */
export const DEFAULT_LINGER_MS = 20;

/**
 * Gathers the messages of the delivery jobs running at once in this process into provider
 * requests of up to `maxBatchSize` (100 for Expo): 64 concurrent jobs then make a few full
 * requests instead of 64 small ones. A batch goes when full or `lingerMs` after its first message,
 * once the rate limiter grants its messages. Never rejects: a failed request or limiter gives every
 * message of the batch a transient failure.
 */
export class PushBatcher {
  private readonly waiting = new Map<PushProvider, Waiting[]>();
  private readonly timers = new Map<PushProvider, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly limiter: SendRateLimiter,
    private readonly lingerMs = DEFAULT_LINGER_MS,
  ) {}

  send(provider: PushProvider, message: PushMessage): Promise<PushSendResult> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(provider) ?? [];
      this.waiting.set(provider, queue);
      queue.push({ message, resolve });
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
    let results: PushSendResult[];
    try {
      await this.limiter.acquire(batch.length);
      results = await provider.send(batch.map(({ message }) => message));
    } catch (error) {
      results = batch.map(() => transient(error));
    }
    batch.forEach(({ resolve }, index) => resolve(results[index] ?? transient('no result for this message')));
  }
}

function transient(error: unknown): { ok: false } & PushFailure {
  return { ok: false, kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}
