import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalizeFreeText } from './free-text.js';

describe('normalizeFreeText', () => {
  it.each([
    ['  Hello,   World!  ', 'hello world'],
    ['E-mail', 'email'],
    ['Ｗｉ-Ｆｉ', 'wifi'],
    ['ﬁle', 'file'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['«Cloud» — computing…', 'cloud computing'],
  ])('%j becomes %j', (text, normalized) => {
    expect(normalizeFreeText(text)).toBe(normalized);
  });

  it('normalises free text idempotently', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ maxLength: 30, unit: 'binary' }),
      fc.string({ maxLength: 30, unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(anyText, (value) => {
        const once = normalizeFreeText(value);
        expect(normalizeFreeText(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
  });
});
