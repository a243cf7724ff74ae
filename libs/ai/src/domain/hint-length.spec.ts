import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { capHintLength } from './hint-length.js';

describe('capHintLength', () => {
  it('returns a hint within the limit as it is, trimmed', () => {
    expect(capHintLength('  Think about the menu.  ', 100)).toBe('Think about the menu.');
    expect(capHintLength('Exactly ten', 11)).toBe('Exactly ten');
  });

  it('cuts at the last sentence end within the limit', () => {
    const hint = 'First sentence. Second one! Third? A fourth sentence that does not fit.';
    expect(capHintLength(hint, 30)).toBe('First sentence. Second one!');
    expect(capHintLength(hint, 34)).toBe('First sentence. Second one! Third?');
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(capHintLength('The lesson says: "Waiters carry orders." Then more text follows here.', 45)).toBe(
      'The lesson says: "Waiters carry orders."',
    );
    expect(capHintLength('(It is short.) And then a long tail of words.', 20)).toBe('(It is short.)');
  });

  it('does not take a dot inside a word or number for a sentence end', () => {
    expect(capHintLength('Version 2.5 of example.com is what the whole lesson is about', 30)).toBe(
      'Version 2.5 of example.com is…',
    );
  });

  it('falls back to the last word boundary with an ellipsis, without dangling punctuation', () => {
    expect(capHintLength('one two three four five six seven', 16)).toBe('one two three…');
    expect(capHintLength('one two, three four', 10)).toBe('one two…');
  });

  it('cuts a single over-long word, never inside a surrogate pair', () => {
    expect(capHintLength('Supercalifragilistic', 6)).toBe('Super…');
    expect(capHintLength('ab😀😀😀', 4)).toBe('ab…');
    expect(capHintLength('anything', 1)).toBe('…');
    expect(capHintLength('anything', 0)).toBe('');
  });

  it('never returns more than maxChars characters, and returns the start of the hint', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.integer({ min: 0, max: 320 }), (text, max) => {
        const capped = capHintLength(text, max);
        expect(capped.length).toBeLessThanOrEqual(max);
        expect(text.trim().startsWith(capped.replace(/…$/, ''))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
