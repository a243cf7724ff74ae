import type { HintContext } from '../domain/hint-context.js';
import type { HintPrompt } from '../domain/hint-prompt.js';
import type { HintProviderName } from '../domain/provider-name.js';

/** One hint to write: model providers use the prompt, the grounded provider the context. */
export interface HintGeneration {
  context: HintContext;
  prompt: HintPrompt;
}

/** A complete (not truncated) answer from a provider, with what it cost in tokens. */
export interface ProviderReply {
  text: string;
  /** The model that answered, as the provider names it. */
  model: string;
  tokensIn: number;
  tokensOut: number;
}

/**
 * Why a provider gave no usable hint:
 * - `rate_limited`: 429; `unavailable`: 5xx, connection refused or reset;
 * - `timeout`: no answer within the configured time;
 * - `rejected`: any other 4xx (a bad key, a model that does not exist: configuration);
 * - `malformed`: an answer without text, or not in the provider's format;
 * - `truncated`: the answer stopped at the token limit (a cut hint is not shown).
 */
export type ProviderFailureKind = 'rate_limited' | 'unavailable' | 'timeout' | 'rejected' | 'malformed' | 'truncated';

export class ProviderFailure extends Error {
  override readonly name = 'ProviderFailure';

  constructor(
    readonly provider: HintProviderName,
    readonly kind: ProviderFailureKind,
    detail: string,
  ) {
    super(`${provider} ${kind}: ${detail}`);
  }

  /** Failures that say the provider is unwell (not this one answer): they count towards its circuit breaker. */
  get countsAgainstProvider(): boolean {
    return this.kind !== 'malformed' && this.kind !== 'truncated';
  }
}

/**
 * A source of hints. Adapters never throw anything but `ProviderFailure` for the provider's own
 * failures, and never retry on their own: the routing policy's fallback order is the retry.
 */
export abstract class HintProvider {
  abstract readonly name: HintProviderName;
  /** The configured model (the reply names the one that answered). */
  abstract readonly model: string;
  abstract generate(request: HintGeneration): Promise<ProviderReply>;
}

/** The providers configured in this process (a model provider without a key is not among them). */
export abstract class HintProviders {
  abstract available(): readonly HintProvider[];
  /** The grounded provider: always there. */
  abstract grounded(): HintProvider;
}
