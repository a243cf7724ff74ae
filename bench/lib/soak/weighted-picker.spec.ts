import { describe, expect, it } from '@jest/globals';
import { weightedPicker } from './weighted-picker.js';

/** A "random" source that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let next = 0;
  return () => values[next++ % values.length]!;
};

describe('weightedPicker', () => {
  it('maps [0, 1) onto the keys in proportion to their weights, in declaration order', () => {
    const pick = weightedPicker({ a: 1, b: 3 }, sequence(0, 0.24, 0.25, 0.5, 0.999));
    expect(Array.from({ length: 5 }, pick)).toEqual(['a', 'a', 'b', 'b', 'b']);
  });

  it('never picks a key of weight 0', () => {
    const pick = weightedPicker({ never: 0, always: 2 }, sequence(0, 0.5, 0.9999));
    expect(Array.from({ length: 3 }, pick)).toEqual(['always', 'always', 'always']);
  });

  it('gives each key about its share over many picks', () => {
    // mulberry32, seeded: deterministic, so the test never flakes.
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const pick = weightedPicker({ browse: 50, hint: 10, refresh: 40 }, random);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 100_000; i += 1) {
      const key = pick();
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts.browse! / 100_000).toBeCloseTo(0.5, 2);
    expect(counts.hint! / 100_000).toBeCloseTo(0.1, 2);
    expect(counts.refresh! / 100_000).toBeCloseTo(0.4, 2);
  });

  it('refuses weights that cannot make a distribution', () => {
    expect(() => weightedPicker({ a: 0 })).toThrow('at least one weight');
    expect(() => weightedPicker({ a: -1, b: 1 })).toThrow('a');
    expect(() => weightedPicker({ a: Number.NaN, b: 1 })).toThrow('a');
  });
});
