import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { levelFor, levelProgress, levelsReached, xpRequiredFor } from './level-curve.js';

describe('level curve', () => {
  it.each([
    [1, 0],
    [2, 100],
    [3, 300],
    [4, 600],
    [5, 1_000],
    [10, 4_500],
  ])('level %i is reached at %i XP', (level, xp) => {
    expect(xpRequiredFor(level)).toBe(xp);
    expect(levelFor(xp)).toBe(level);
    expect(levelFor(xp - 1 < 0 ? 0 : xp - 1)).toBe(Math.max(1, level - 1));
  });

  it.each([
    [0, { level: 1, xpIntoLevel: 0, xpForNextLevel: 100 }],
    [99, { level: 1, xpIntoLevel: 99, xpForNextLevel: 100 }],
    [100, { level: 2, xpIntoLevel: 0, xpForNextLevel: 200 }],
    [250, { level: 2, xpIntoLevel: 150, xpForNextLevel: 200 }],
    [4_599, { level: 10, xpIntoLevel: 99, xpForNextLevel: 1_000 }],
  ])('%i XP is %j', (xp, progress) => {
    expect(levelProgress(xp)).toEqual(progress);
  });

  it('lists every level crossed, once each', () => {
    expect(levelsReached(90, 95)).toEqual([]);
    expect(levelsReached(90, 100)).toEqual([2]);
    expect(levelsReached(0, 650)).toEqual([2, 3, 4]);
    expect(levelsReached(650, 0)).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p XP', (xp) => {
    expect(() => levelFor(xp)).toThrow(RangeError);
  });

  it('refuses level 0', () => {
    expect(() => xpRequiredFor(0)).toThrow(RangeError);
  });

  const xp = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.maxSafeNat());

  it('never goes down as XP grows (property-based)', () => {
    fc.assert(
      fc.property(xp, xp, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(levelFor(low)).toBeLessThanOrEqual(levelFor(high));
      }),
    );
  });

  it('places every XP total inside its level, before the next (property-based)', () => {
    fc.assert(
      fc.property(xp, (total) => {
        const { level, xpIntoLevel, xpForNextLevel } = levelProgress(total);
        expect(xpRequiredFor(level)).toBeLessThanOrEqual(total);
        expect(total).toBeLessThan(xpRequiredFor(level + 1));
        expect(xpIntoLevel).toBe(total - xpRequiredFor(level));
        expect(xpForNextLevel).toBe(100 * level);
        expect(xpIntoLevel).toBeLessThan(xpForNextLevel);
      }),
    );
  });

  it('reaches each level exactly at its threshold (property-based)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100_000 }), (level) => {
        expect(levelFor(xpRequiredFor(level))).toBe(level);
        expect(levelFor(xpRequiredFor(level) - 1)).toBe(level - 1);
        expect(levelsReached(xpRequiredFor(level) - 1, xpRequiredFor(level))).toEqual([level]);
      }),
    );
  });
});
