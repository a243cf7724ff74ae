import { describe, expect, it } from '@jest/globals';
import { FixedClock, SystemClock } from './clock.js';

describe('FixedClock', () => {
  it('reports the time it was given', () => {
    const clock = new FixedClock(new Date('2025-03-01T09:00:00.000Z'));

    expect(clock.now().toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-03-01T09:00:00.000Z');
  });

  it('moves forward by the given number of milliseconds, across a day boundary', () => {
    const clock = new FixedClock(new Date('2025-03-01T23:59:59.500Z'));

    clock.advanceBy(1_000);

    expect(clock.now().toISOString()).toBe('2025-03-02T00:00:00.500Z');
  });

  it('adds successive advances together', () => {
    const clock = new FixedClock(new Date('2025-03-01T00:00:00.000Z'));

    clock.advanceBy(60_000);
    clock.advanceBy(24 * 60 * 60 * 1_000);

    expect(clock.now().toISOString()).toBe('2025-03-02T00:01:00.000Z');
  });

  it('is not changed when a caller mutates a date it returned', () => {
    const clock = new FixedClock(new Date('2025-03-01T00:00:00.000Z'));

    clock.now().setUTCFullYear(1999);

    expect(clock.now().toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });
});

describe('SystemClock', () => {
  it('reports the current time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
