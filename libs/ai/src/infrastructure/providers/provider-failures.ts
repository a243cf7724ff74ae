import { ProviderFailure, type ProviderFailureKind } from '../../application/hint-provider.js';
import type { ModelProviderName } from '../../domain/provider-name.js';

/** What a model provider adapter is built from (the provider's `*_API_KEY`, `*_BASE_URL`, `*_MODEL` and the AI_* limits). */
export interface ModelProviderSettings {
  apiKey: string;
  /** The API's root (a proxy, or a local fake in tests); undefined means the provider's public endpoint. */
  baseUrl?: string;
  model: string;
  /** The whole call: connecting, the model's thinking, and reading the answer. */
  timeoutMs: number;
  maxOutputTokens: number;
  /** Gemini 2.5 only: thinking tokens allowed before the answer, granted on top of `maxOutputTokens`. */
  thinkingBudget?: number;
}

/** Low, so hints stay close to the lesson; not zero, so a hint regenerated after a leak can differ. */
export const HINT_TEMPERATURE = 0.3;

/**
 * Runs one SDK call under a deadline of `timeoutMs` and turns whatever it throws into a
 * `ProviderFailure`. The SDKs' own timeouts stop at the response headers (OpenAI, Anthropic) or
 * leave their timer running after the answer (Gemini); this signal also covers reading the body,
 * and any failure once it has fired is a timeout, whichever error the SDK made of the abort.
 * `isSdkTimeout` recognises the SDK's own timeout error, should its timer fire first.
 */
export async function callWithin<T>(
  provider: ModelProviderName,
  settings: Pick<ModelProviderSettings, 'apiKey' | 'timeoutMs'>,
  call: (signal: AbortSignal) => Promise<T>,
  isSdkTimeout: (error: unknown) => boolean = () => false,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
  try {
    return await call(deadline.signal);
  } catch (error) {
    if (deadline.signal.aborted || isSdkTimeout(error)) {
      throw new ProviderFailure(provider, 'timeout', `no answer within ${settings.timeoutMs} ms`);
    }
    throw classifyProviderError(provider, error, settings.apiKey);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An SDK's error as a `ProviderFailure`: by HTTP status when the provider answered (every SDK
 * here puts it in `status`), a JSON syntax error as malformed, an abort as a timeout, and any
 * other transport error (refused, reset, DNS) as unavailable. The key never reaches the detail.
 */
export function classifyProviderError(provider: ModelProviderName, error: unknown, apiKey: string): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  // Read by shape, not instanceof: fetch's errors come from another realm under Jest's VM.
  const { status, name, message } = (asRecord(error) ?? {}) as { status?: unknown; name?: unknown; message?: unknown };
  const detail = redact(typeof message === 'string' ? message : String(error), apiKey);
  if (typeof status === 'number') return new ProviderFailure(provider, kindOfStatus(status), detail);
  if (name === 'SyntaxError') return new ProviderFailure(provider, 'malformed', detail);
  if (name === 'AbortError' || name === 'TimeoutError') return new ProviderFailure(provider, 'timeout', detail);
  return new ProviderFailure(provider, 'unavailable', detail);
}

export function kindOfStatus(status: number): ProviderFailureKind {
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'rejected';
  return 'malformed';
}

const MAX_DETAIL_CHARS = 300;

function redact(message: string, apiKey: string): string {
  const safe = apiKey ? message.split(apiKey).join('[api key]') : message;
  return safe.length > MAX_DETAIL_CHARS ? `${safe.slice(0, MAX_DETAIL_CHARS)}…` : safe;
}

// An SDK returns whatever the server sent (a string for a non-JSON body, an object of any
// shape): answers are read as unknown, and what does not fit is a malformed failure.

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function firstOf(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) ? asRecord(value[0]) : undefined;
}

/** A token count from a usage block; a missing or odd one counts as 0 rather than failing a good hint. */
export function tokenCount(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The model the provider says answered, else the one asked for. */
export function answeringModel(value: unknown, configured: string): string {
  return typeof value === 'string' && value.trim() ? value : configured;
}

export function malformed(provider: ModelProviderName, detail: string): ProviderFailure {
  return new ProviderFailure(provider, 'malformed', detail);
}

export function truncated(provider: ModelProviderName, maxOutputTokens: number): ProviderFailure {
  return new ProviderFailure(provider, 'truncated', `the answer stopped at the ${maxOutputTokens}-token limit`);
}
