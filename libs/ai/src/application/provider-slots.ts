import type { ModelProviderName } from '../domain/provider-name.js';

/** A held slot; release it when the call ends, whatever happened. */
export type SlotRelease = () => Promise<void>;

/**
 * Concurrency limits per model provider across every worker: a provider at its limit is skipped
 * for the next in the fallback order rather than queued behind (a hint that waits is a worse hint).
 */
export abstract class ProviderSlots {
  /** Null when the provider has no free slot. */
  abstract acquire(provider: ModelProviderName): Promise<SlotRelease | null>;
}
