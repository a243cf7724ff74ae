import { describe, expect, it } from '@jest/globals';
import { nextHintLevel } from './hint-level.js';

describe('nextHintLevel', () => {
  it('starts at 1 and gives a little more each time, never past 3', () => {
    expect(nextHintLevel(null)).toBe(1);
    expect(nextHintLevel(1)).toBe(2);
    expect(nextHintLevel(2)).toBe(3);
    expect(nextHintLevel(3)).toBe(3);
  });
});
