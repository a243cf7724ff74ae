/** List prices in US dollars per million tokens. */
interface TokenPrice {
  input: number;
  output: number;
}

/**
 * Public list prices as of 2026, for the standard (not batch, not cached-input) tier and, for
 * Gemini 2.5 Pro, prompts up to 200k tokens (hints are far shorter). Providers change prices:
 * check them against the providers' pricing pages when the admin stats matter for a bill.
 * Keys are model name prefixes, so dated and aliased names ('-latest', '-2024-08-06') match.
 */
const PRICES_PER_MILLION_TOKENS: Readonly<Record<string, TokenPrice>> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
};

// Longest first, so the first prefix that matches is the most specific ('gpt-4o-mini' before 'gpt-4o').
const PRICED_MODELS = Object.keys(PRICES_PER_MILLION_TOKENS).sort((a, b) => b.length - a.length);

// Gemini's API also names models as resources ('models/gemini-2.5-pro').
const RESOURCE_PREFIX = 'models/';

/**
 * What a hint's tokens cost at list price, in US dollars rounded to 6 decimals. The model is
 * matched by its longest priced prefix that ends at a word boundary ('gpt-4o-mini-2024-07-18'
 * is gpt-4o-mini, 'claude-3-7-sonnet@20250219' is claude-3-7-sonnet); the grounded provider and
 * models not in the table cost 0 (an unknown model is left out of the cost, not guessed).
 * Throws a RangeError for a token count that is not a non-negative integer: an adapter bug.
 */
export function estimateCostUsd(model: string, tokensIn: number, tokensOut: number): number {
  assertTokenCount('tokensIn', tokensIn);
  assertTokenCount('tokensOut', tokensOut);
  const price = priceOf(model);
  if (!price) return 0;
  const dollars = (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
  return Math.round(dollars * 1_000_000) / 1_000_000;
}

function priceOf(model: string): TokenPrice | undefined {
  const name = model.trim().toLowerCase();
  const bare = name.startsWith(RESOURCE_PREFIX) ? name.slice(RESOURCE_PREFIX.length) : name;
  const prefix = PRICED_MODELS.find((candidate) => bare.startsWith(candidate) && endsAtBoundary(bare, candidate));
  return prefix === undefined ? undefined : PRICES_PER_MILLION_TOKENS[prefix];
}

// 'gpt-4o' prices 'gpt-4o-2024-08-06' but not a different model that happens to share letters ('gpt-4omni').
function endsAtBoundary(name: string, prefix: string): boolean {
  const next = name.charAt(prefix.length);
  return next === '' || !/[a-z0-9]/.test(next);
}

function assertTokenCount(label: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${count}`);
  }
}
