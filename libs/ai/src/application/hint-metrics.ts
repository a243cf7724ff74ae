import type { HintProviderName } from '../domain/provider-name.js';
import type { HintOutcome, ProviderMiss } from './hint-request.repository.js';

/** What one shown hint cost, for the metrics. */
export interface ServedHintMeasure {
  provider: HintProviderName;
  outcome: HintOutcome;
  cached: boolean;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

/** Hint accounting as metrics (the `hint_requests` table keeps the same, per request). */
export abstract class HintMetrics {
  abstract served(measure: ServedHintMeasure): void;
  abstract failed(): void;
  abstract missed(miss: ProviderMiss): void;
}
