import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { estimateCostUsd } from './model-prices.js';

describe('estimateCostUsd', () => {
  it.each<[string, number, number]>([
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-mini', 0.15, 0.6],
    ['claude-3-7-sonnet', 3, 15],
    ['claude-3-5-haiku', 0.8, 4],
    ['gemini-2.5-pro', 1.25, 10],
    ['gemini-2.5-flash', 0.3, 2.5],
  ])('prices %s at $%d in and $%d out per million tokens', (model, input, output) => {
    expect(estimateCostUsd(model, 1_000_000, 0)).toBe(input);
    expect(estimateCostUsd(model, 0, 1_000_000)).toBe(output);
  });

  it('adds input and output for a typical hint (gpt-4o: 1,200 in, 150 out)', () => {
    expect(estimateCostUsd('gpt-4o', 1_200, 150)).toBe(0.0045);
  });

  it.each<[string, string]>([
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet'],
    ['claude-3-7-sonnet@20250219', 'claude-3-7-sonnet'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['GPT-4o', 'gpt-4o'],
  ])('prices the dated or aliased name %s as %s (longest prefix wins)', (named, priced) => {
    expect(estimateCostUsd(named, 10_000, 1_000)).toBe(estimateCostUsd(priced, 10_000, 1_000));
    expect(estimateCostUsd(named, 10_000, 1_000)).toBeGreaterThan(0);
  });

  it('prices gpt-4o-mini well below gpt-4o although both start with "gpt-4o"', () => {
    expect(estimateCostUsd('gpt-4o-mini-2024-07-18', 1_000_000, 0)).toBe(0.15);
  });

  it.each(['grounded', 'llama-3-70b', 'gpt-4omni', 'o3', ''])('charges 0 for %p (grounded or unknown)', (model) => {
    expect(estimateCostUsd(model, 5_000, 500)).toBe(0);
  });

  it('rounds to 6 decimals', () => {
    // 1 input token of gpt-4o-mini is $0.00000015.
    expect(estimateCostUsd('gpt-4o-mini', 1, 0)).toBe(0);
    expect(estimateCostUsd('gpt-4o-mini', 7, 0)).toBe(0.000001);
    expect(estimateCostUsd('claude-3-7-sonnet', 333, 77)).toBe(0.002154);
  });

  it('never has more than 6 decimals and grows with the tokens', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000), fc.nat(2_000_000), fc.nat(1_000), (tokensIn, tokensOut, more) => {
        const cost = estimateCostUsd('gemini-2.5-pro', tokensIn, tokensOut);
        expect(Math.round(cost * 1e6) / 1e6).toBe(cost);
        expect(estimateCostUsd('gemini-2.5-pro', tokensIn + more, tokensOut + more)).toBeGreaterThanOrEqual(cost);
      }),
    );
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a token count of %p', (count) => {
    expect(() => estimateCostUsd('gpt-4o', count, 0)).toThrow(RangeError);
    expect(() => estimateCostUsd('gpt-4o', 0, count)).toThrow(RangeError);
  });
});
