import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UnknownTimeZoneError } from './gamification.errors.js';
import { addDays, daysBetween, isKnownTimeZone, isLocalDay, localDayOf } from './local-day.js';

describe('localDayOf', () => {
  it.each([
    ['2025-03-01T23:30:00Z', 'UTC', '2025-03-01'],
    ['2025-03-01T23:30:00Z', 'Europe/Berlin', '2025-03-02'],
    ['2025-03-02T04:59:00Z', 'America/New_York', '2025-03-01'],
    ['2025-03-02T05:00:00Z', 'America/New_York', '2025-03-02'],
    ['2025-06-15T10:00:00Z', 'Pacific/Kiritimati', '2025-06-16'],
    ['2025-06-15T10:00:00Z', 'Pacific/Pago_Pago', '2025-06-14'],
    ['2025-06-15T18:29:00Z', 'Asia/Kolkata', '2025-06-15'],
    ['2025-06-15T18:30:00Z', 'Asia/Kolkata', '2025-06-16'],
    ['0999-12-31T12:00:00Z', 'UTC', '0999-12-31'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(localDayOf(new Date(instant), zone)).toBe(day);
  });

  it('follows DST: Berlin midnight is 23:00Z in winter and 22:00Z in summer', () => {
    expect(localDayOf(new Date('2025-03-29T22:59:59Z'), 'Europe/Berlin')).toBe('2025-03-29');
    expect(localDayOf(new Date('2025-03-29T23:00:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(localDayOf(new Date('2025-03-30T21:59:59Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(localDayOf(new Date('2025-03-30T22:00:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
  });

  it('refuses an unknown zone with a stable code', () => {
    expect(() => localDayOf(new Date('2025-03-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'GAMIFICATION.UNKNOWN_TIME_ZONE', kind: 'invalid' }),
    );
    expect(() => localDayOf(new Date('2025-03-01T00:00:00Z'), '+05:00')).toThrow(UnknownTimeZoneError);
  });

  it('refuses an invalid instant', () => {
    expect(() => localDayOf(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });

  it('agrees with the UTC date in UTC, for any instant (property-based)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (at) => {
        expect(localDayOf(at, 'UTC')).toBe(at.toISOString().slice(0, 10));
      }),
    );
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Pacific/Kiritimati', true],
    ['UTC', true],
    ['Asia/Kolkata', true],
    ['europe/berlin', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['+05:00', false],
    ['-03:00', false],
    ['Z', false],
    [`Europe/${'x'.repeat(80)}`, false],
  ])('%j → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });

  it('knows every zone the runtime lists', () => {
    expect(Intl.supportedValuesOf('timeZone').filter((zone) => !isKnownTimeZone(zone))).toEqual([]);
  });
});

describe('isLocalDay', () => {
  it.each([
    ['2025-03-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-3-1', false],
    ['2025-03-01T00:00:00Z', false],
    ['', false],
  ])('%j → %s', (value, valid) => {
    expect(isLocalDay(value)).toBe(valid);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2025-03-01', 1, '2025-03-02'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-10-25', 2, '2025-10-27'],
    ['2025-03-01', 0, '2025-03-01'],
  ])('%s + %i days = %s (DST changes nothing)', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(days);
  });

  it('counts days between dates in either direction', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2025-03-01', 'tomorrow')).toThrow(RangeError);
  });

  it('adds and counts consistently, for any date and offset (property-based)', () => {
    const day = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: -400, max: 400 }), (from, n, m) => {
        expect(daysBetween(from, addDays(from, n))).toBe(n);
        expect(addDays(addDays(from, n), m)).toBe(addDays(from, n + m));
        expect(isLocalDay(addDays(from, n))).toBe(true);
      }),
    );
  });
});
