import type { ProductEvent } from '../domain/product-event.js';

/**
 * Where product events go: Mixpanel when a token is configured, the log otherwise. `track`
 * resolves once the tool has accepted every event, and throws when it did not (the job retries).
 */
export abstract class AnalyticsSink {
  /** For the start-up line that says where analytics go. */
  abstract readonly name: string;
  abstract track(events: readonly ProductEvent[]): Promise<void>;
  /**
   * Erasure (GDPR right to be forgotten): asks the tool to delete everything it holds on these
   * learners. Resolves once the tool has accepted the request; throws when it did not (the job retries).
   */
  abstract forget(distinctIds: readonly string[]): Promise<void>;
}
