import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  LEADERBOARD_EPOCH,
  LEADERBOARD_TIE_SLOTS,
  leaderboardScore,
  leaderboardWeekOf,
  MAX_LEADERBOARD_XP,
  xpOfLeaderboardScore,
} from './leaderboard-score.js';

const xp = fc.integer({ min: 0, max: MAX_LEADERBOARD_XP });
const LAST_MINUTE = new Date(LEADERBOARD_EPOCH.getTime() + (LEADERBOARD_TIE_SLOTS - 1) * 60_000);
const reachedAt = fc.date({ min: LEADERBOARD_EPOCH, max: LAST_MINUTE, noInvalidDate: true });
const anyInstant = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

describe('leaderboard score', () => {
  it('is an exact integer double from which the XP reads back', () => {
    fc.assert(
      fc.property(xp, fc.option(anyInstant), (points, at) => {
        const score = leaderboardScore(points, at);
        expect(Number.isSafeInteger(score)).toBe(true);
        expect(xpOfLeaderboardScore(score)).toBe(points);
        // What Redis sends back is a decimal string; it must parse to the same number.
        expect(Number(String(score))).toBe(score);
      }),
    );
  });

  it('ranks more XP higher, whenever it was reached', () => {
    fc.assert(
      fc.property(xp, xp, fc.option(anyInstant), fc.option(anyInstant), (a, b, atA, atB) => {
        fc.pre(a !== b);
        expect(leaderboardScore(a, atA) > leaderboardScore(b, atB)).toBe(a > b);
      }),
    );
  });

  it('ranks who reached the same XP first higher, at minute resolution', () => {
    fc.assert(
      fc.property(xp, reachedAt, reachedAt, (points, first, second) => {
        const [a, b] = [leaderboardScore(points, first), leaderboardScore(points, second)];
        const [minuteA, minuteB] = [first, second].map((at) => Math.floor(at.getTime() / 60_000));
        expect(Math.sign(a - b)).toBe(Math.sign(minuteB! - minuteA!));
      }),
    );
  });

  it('ranks an unknown time after any known one with the same XP', () => {
    fc.assert(
      fc.property(xp, anyInstant, (points, at) => {
        expect(leaderboardScore(points, null)).toBeLessThanOrEqual(leaderboardScore(points, at));
        expect(leaderboardScore(points, null)).toBe(points * LEADERBOARD_TIE_SLOTS);
      }),
    );
  });

  it('clamps what falls outside its bounds instead of overflowing', () => {
    const highest = leaderboardScore(MAX_LEADERBOARD_XP + 5, LEADERBOARD_EPOCH);
    expect(highest).toBe(9_007_199_249_999_999);
    expect(highest).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(leaderboardScore(1, new Date('2000-01-01'))).toBe(leaderboardScore(1, LEADERBOARD_EPOCH));
    expect(leaderboardScore(1, new Date('2090-01-01'))).toBe(leaderboardScore(1, LAST_MINUTE));
    expect(leaderboardScore(-3, LEADERBOARD_EPOCH)).toBe(LEADERBOARD_TIE_SLOTS - 1);
    expect(leaderboardScore(7, new Date('2025-01-01T00:01:59.999Z'))).toBe(7 * LEADERBOARD_TIE_SLOTS + 9_999_998);
  });
});

describe('leaderboard week', () => {
  it.each([
    ['2026-11-30T00:00:00.000Z', '2026-W49', '2026-11-30T00:00:00.000Z'],
    ['2026-11-29T23:59:59.999Z', '2026-W48', '2026-11-23T00:00:00.000Z'],
    ['2024-12-30T12:00:00.000Z', '2025-W01', '2024-12-30T00:00:00.000Z'],
    ['2027-01-03T10:00:00.000Z', '2026-W53', '2026-12-28T00:00:00.000Z'],
    ['2020-12-31T00:00:00.000Z', '2020-W53', '2020-12-28T00:00:00.000Z'],
    ['2021-01-03T23:59:59.000Z', '2020-W53', '2020-12-28T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', '2026-W01', '2025-12-29T00:00:00.000Z'],
  ])('%s is in ISO week %s, starting %s (UTC, Monday)', (at, label, start) => {
    const week = leaderboardWeekOf(new Date(at));
    expect(week.label).toBe(label);
    expect(week.start.toISOString()).toBe(start);
    expect(week.end.getTime() - week.start.getTime()).toBe(7 * 86_400_000);
  });

  it('holds the instant, starts on a Monday, and labels consecutive weeks consecutively', () => {
    fc.assert(
      fc.property(anyInstant, (at) => {
        const week = leaderboardWeekOf(at);
        expect(week.start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(week.end.getTime()).toBeGreaterThan(at.getTime());
        expect(week.start.getUTCDay()).toBe(1);
        const next = leaderboardWeekOf(week.end);
        const [year, number] = week.label.split('-W').map(Number);
        const [nextYear, nextNumber] = next.label.split('-W').map(Number);
        const consecutive =
          (nextYear === year && nextNumber === number! + 1) || (nextYear === year! + 1 && nextNumber === 1);
        expect(consecutive).toBe(true);
        expect(number).toBeGreaterThanOrEqual(1);
        expect(number).toBeLessThanOrEqual(53);
      }),
    );
  });
});
