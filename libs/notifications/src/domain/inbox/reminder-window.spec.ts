import { describe, expect, it } from '@jest/globals';
import { CLOCK_SKEW_MS, reminderTimeProblem } from './reminder-window.js';

const now = new Date('2026-03-08T12:00:00Z');
const DAY = 86_400_000;

describe('reminderTimeProblem', () => {
  it('accepts now, a minute of clock skew, and up to a year ahead', () => {
    expect(reminderTimeProblem(now, now)).toBeUndefined();
    expect(reminderTimeProblem(new Date(now.getTime() - CLOCK_SKEW_MS), now)).toBeUndefined();
    expect(reminderTimeProblem(new Date(now.getTime() + 365 * DAY), now)).toBeUndefined();
  });

  it('refuses the past beyond the skew, more than a year ahead, and invalid dates', () => {
    expect(reminderTimeProblem(new Date(now.getTime() - CLOCK_SKEW_MS - 1), now)).toBe('must not be in the past');
    expect(reminderTimeProblem(new Date(now.getTime() + 367 * DAY), now)).toBe('must be at most a year ahead');
    expect(reminderTimeProblem(new Date(Number.NaN), now)).toBe('must be a real date-time');
  });
});
