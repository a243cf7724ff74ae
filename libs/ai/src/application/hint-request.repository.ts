import type { HintLevel, LearnerAnswer } from '../domain/hint-context.js';
import type { HintProviderName } from '../domain/provider-name.js';
import type { ProviderFailureKind } from './hint-provider.js';

/** What the learner asked for, as recorded before any work is done. */
export interface HintAsk {
  userId: number;
  lessonId: number;
  lessonVersion: number;
  topic: string;
  exerciseId: string | null;
  level: HintLevel;
  question: string | null;
  userAnswer: LearnerAnswer | null;
}

/** Why one provider gave no hint: `busy` (at its concurrency limit) and `circuit_open` skip a call. */
export interface ProviderMiss {
  provider: HintProviderName;
  kind: ProviderFailureKind | 'busy' | 'circuit_open' | 'leaked';
}

/**
 * `served`: the first provider asked answered; `fallback`: a later one did, after misses;
 * `leak_regenerated`: the first answer gave the answer away, the second did not;
 * `leak_replaced`: both did, the grounded provider's hint was shown instead.
 */
export type HintOutcome = 'served' | 'fallback' | 'leak_regenerated' | 'leak_replaced';

/** The hint as shown, and what writing it took. */
export interface WrittenHint {
  hint: string;
  provider: HintProviderName;
  model: string;
  route: string;
  outcome: HintOutcome;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  misses: ProviderMiss[];
}

/** A hint taken from the cache: no provider was asked. */
export interface CachedHint {
  hint: string;
  provider: HintProviderName;
  model: string;
}

export type HintStatus = 'pending' | 'done' | 'failed';

export interface StoredHintRequest extends HintAsk {
  id: number;
  status: HintStatus;
  createdAt: Date;
}

/** A request as its learner sees it. */
export interface HintView {
  id: number;
  status: HintStatus;
  hint: string | null;
  level: HintLevel;
  provider: HintProviderName | null;
  model: string | null;
  cached: boolean;
  createdAt: Date;
}

export abstract class HintRequestRepository {
  /** The level of the learner's latest written hint for this exercise (or the lesson, for null). */
  abstract previousLevel(userId: number, lessonId: number, exerciseId: string | null): Promise<HintLevel | null>;
  abstract createPending(ask: HintAsk): Promise<number>;
  /** Records a cache hit as a done request; returns its id. */
  abstract recordCached(ask: HintAsk, hint: CachedHint, latencyMs: number): Promise<number>;
  abstract find(id: number): Promise<StoredHintRequest | null>;
  /** Null for a request that is not this learner's. */
  abstract findForLearner(id: number, userId: number): Promise<HintView | null>;
  /** Only a pending request moves on: false when it already has (a retried job). */
  abstract complete(id: number, written: WrittenHint): Promise<boolean>;
  abstract fail(id: number, misses: ProviderMiss[]): Promise<boolean>;
  /** Null when there is no such request of this learner; otherwise whether it could be rated (it is done). */
  abstract rate(id: number, userId: number, helpful: boolean): Promise<{ rated: boolean } | null>;
}
