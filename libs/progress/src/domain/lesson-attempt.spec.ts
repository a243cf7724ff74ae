import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { acceptedCompletionTime, passesAt } from './lesson-attempt.js';
import { CompletedAtOutOfRangeError } from './progress.errors.js';

describe('passesAt', () => {
  it('passes at the threshold, inclusive, 70 by default', () => {
    expect(passesAt(70)).toBe(true);
    expect(passesAt(69)).toBe(false);
    expect(passesAt(50, 50)).toBe(true);
    expect(passesAt(49, 50)).toBe(false);
    expect(passesAt(0, 0)).toBe(true);
  });

  it('refuses a threshold that is not a whole percentage', () => {
    expect(() => passesAt(80, 101)).toThrow(RangeError);
    expect(() => passesAt(80, 69.5)).toThrow(RangeError);
  });
});

describe('acceptedCompletionTime', () => {
  const now = new Date('2025-03-10T12:00:00.000Z');
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;

  it('takes now when the client sends no completion time', () => {
    expect(acceptedCompletionTime(undefined, now)).toEqual(now);
  });

  it.each([
    ['now', 0],
    ['an hour ago', 60 * MINUTE],
    ['exactly 7 days ago', 7 * DAY],
  ])('accepts %s as it is', (_, msAgo) => {
    expect(acceptedCompletionTime(ago(msAgo), now)).toEqual(ago(msAgo));
  });

  it('takes up to 2 minutes ahead (a fast device clock) as now', () => {
    expect(acceptedCompletionTime(ago(-2 * MINUTE), now)).toEqual(now);
    expect(acceptedCompletionTime(ago(-MINUTE), now)).toEqual(now);
  });

  it.each([
    ['more than 2 minutes ahead', -2 * MINUTE - 1, 'must not be in the future'],
    ['a day ahead', -DAY, 'must not be in the future'],
    ['7 days and a millisecond ago', 7 * DAY + 1, 'must be within the last 7 days'],
    ['a month ago', 30 * DAY, 'must be within the last 7 days'],
  ])('refuses %s', (_, msAgo, message) => {
    const refusal = (): Date => acceptedCompletionTime(ago(msAgo), now);
    expect(refusal).toThrow(CompletedAtOutOfRangeError);
    expect(refusal).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE',
        kind: 'invalid',
        fieldProblems: [{ field: 'completedAt', message }],
        extensions: { earliest: '2025-03-03T12:00:00.000Z', latest: '2025-03-10T12:02:00.000Z' },
      }),
    );
  });

  it('refuses an invalid date', () => {
    expect(() => acceptedCompletionTime(new Date(Number.NaN), now)).toThrow(
      expect.objectContaining({
        code: 'PROGRESS.COMPLETED_AT_OUT_OF_RANGE',
        fieldProblems: [{ field: 'completedAt', message: 'must be a date-time' }],
      }),
    );
  });

  it('never returns a time after now or before the window (property-based)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * MINUTE, max: 7 * DAY }), (msAgo) => {
        const accepted = acceptedCompletionTime(ago(msAgo), now).getTime();
        expect(accepted).toBeLessThanOrEqual(now.getTime());
        expect(accepted).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
      }),
    );
  });
});
