import { Injectable } from '@nestjs/common';
import { Outbox, Transactions } from '@techtrek/platform';
import { Clock } from '@techtrek/platform/kernel';
import type { HintLevel } from '../domain/hint-context.js';
import type { HintProviderName } from '../domain/provider-name.js';
import {
  HintRequestRepository,
  type CachedHint,
  type HintAsk,
  type HintOutcome,
  type StoredHintRequest,
  type WrittenHint,
} from './hint-request.repository.js';

/**
 * Published in the transaction that records a hint as served, from the cache or newly written
 * (product analytics count it).
 */
export const HINT_SERVED_EVENT = 'ai.hint_served';

/** The event's payload: identifiers, the level and how it was served; never the question, the answer or the hint. */
export interface HintServedPayload {
  userId: number;
  hintRequestId: number;
  lessonId: number;
  topic: string;
  exerciseId: string | null;
  level: HintLevel;
  provider: HintProviderName;
  cached: boolean;
  outcome: HintOutcome;
  at: string;
}

type Served = Pick<HintServedPayload, 'provider' | 'cached' | 'outcome'>;

/**
 * Records a served hint and its event in one transaction (ADR 0005): one more insert on the
 * request's path, and nothing else, so the learner does not wait on analytics.
 */
@Injectable()
export class ServedHintRecorder {
  constructor(
    private readonly requests: HintRequestRepository,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** A cache hit, recorded as a done request; returns its id. */
  recordCached(ask: HintAsk, hint: CachedHint, latencyMs: number): Promise<number> {
    return this.transactions.run(async () => {
      const id = await this.requests.recordCached(ask, hint, latencyMs);
      await this.published(ask, id, { provider: hint.provider, cached: true, outcome: 'served' });
      return id;
    });
  }

  /** A newly written hint; false (and no event) when the request had already moved on (a retried job). */
  recordWritten(request: StoredHintRequest, written: WrittenHint): Promise<boolean> {
    return this.transactions.run(async () => {
      if (!(await this.requests.complete(request.id, written))) return false;
      await this.published(request, request.id, {
        provider: written.provider,
        cached: false,
        outcome: written.outcome,
      });
      return true;
    });
  }

  private async published(ask: HintAsk, hintRequestId: number, served: Served): Promise<void> {
    const payload: HintServedPayload = {
      userId: ask.userId,
      hintRequestId,
      lessonId: ask.lessonId,
      topic: ask.topic,
      exerciseId: ask.exerciseId,
      level: ask.level,
      ...served,
      at: this.clock.now().toISOString(),
    };
    await this.outbox.record(HINT_SERVED_EVENT, payload);
  }
}
