import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatClockTime, MINUTES_PER_DAY, parseClockTime } from '../preferences/clock-time.js';
import { DEFAULT_PREFERENCES, type QuietHours } from '../preferences/notification-preferences.js';
import { deferredPastQuietHours, isWithinQuietHours, reminderSendTime } from './reminder-send-time.js';

const t = (text: string): number => parseClockTime(text)!;
const quiet = (start: string, end: string): QuietHours => ({ start: t(start), end: t(end) });
const prefs = (localTime: string, quietHours: QuietHours | null, enabled = true) => ({
  ...DEFAULT_PREFERENCES,
  dailyReminder: { enabled, localTime: t(localTime) },
  quietHours,
});

const minute = fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 });
const quietHours = fc
  .tuple(minute, minute)
  .filter(([start, end]) => start !== end)
  .map(([start, end]) => ({ start, end }));

describe('clock times', () => {
  it('reads 24-hour HH:MM only', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('19:05')).toBe(19 * 60 + 5);
    expect(parseClockTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '7:00', '07:60', '07:00:00', ' 07:00', '7pm', '']) {
      expect(parseClockTime(bad)).toBeUndefined();
    }
  });

  it('writes back what it read', () => {
    fc.assert(fc.property(minute, (time) => parseClockTime(formatClockTime(time)) === time));
  });
});

describe('reminderSendTime', () => {
  it('is the chosen time outside quiet hours, none when reminders are off', () => {
    expect(reminderSendTime(DEFAULT_PREFERENCES)).toBe(t('19:00'));
    expect(reminderSendTime(prefs('08:30', quiet('22:00', '07:00')))).toBe(t('08:30'));
    expect(reminderSendTime(prefs('19:00', null, false))).toBeUndefined();
  });

  it('defers to the end of quiet hours that end later the same day', () => {
    expect(reminderSendTime(prefs('13:15', quiet('13:00', '15:00')))).toBe(t('15:00'));
    expect(reminderSendTime(prefs('13:00', quiet('13:00', '15:00')))).toBe(t('15:00'));
    // Hours across midnight: early morning is inside them, deferred to their end.
    expect(reminderSendTime(prefs('06:00', quiet('22:00', '07:00')))).toBe(t('07:00'));
  });

  it('skips the day when the quiet hours end only tomorrow', () => {
    expect(reminderSendTime(prefs('23:00', quiet('22:00', '07:00')))).toBeUndefined();
    expect(reminderSendTime(prefs('22:00', quiet('22:00', '00:00')))).toBeUndefined();
  });

  it('treats the end of quiet hours as outside them', () => {
    expect(isWithinQuietHours(t('15:00'), quiet('13:00', '15:00'))).toBe(false);
    expect(isWithinQuietHours(t('07:00'), quiet('22:00', '07:00'))).toBe(false);
    expect(isWithinQuietHours(t('00:00'), quiet('22:00', '07:00'))).toBe(true);
  });

  it('never sends inside quiet hours, never earlier than chosen, and the same day (properties)', () => {
    fc.assert(
      fc.property(minute, fc.option(quietHours, { nil: null }), (localTime, hours) => {
        const sent = deferredPastQuietHours(localTime, hours);
        if (sent === undefined) {
          // Skipped only when the chosen time is in hours that end after midnight.
          expect(hours).not.toBeNull();
          expect(isWithinQuietHours(localTime, hours)).toBe(true);
          expect(hours!.end).toBeLessThanOrEqual(localTime);
          return;
        }
        expect(isWithinQuietHours(sent, hours)).toBe(false);
        expect(sent).toBeGreaterThanOrEqual(localTime);
        expect(sent).toBeLessThan(MINUTES_PER_DAY);
        // Moved only when it had to be, and then exactly to the end of the quiet hours.
        if (!isWithinQuietHours(localTime, hours)) expect(sent).toBe(localTime);
        else expect(sent).toBe(hours!.end);
      }),
    );
  });

  it('quiet hours cover exactly their length of the day (property)', () => {
    fc.assert(
      fc.property(quietHours, (hours) => {
        let inside = 0;
        for (let time = 0; time < MINUTES_PER_DAY; time += 1) if (isWithinQuietHours(time, hours)) inside += 1;
        const length = (hours.end - hours.start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
        expect(inside).toBe(length);
      }),
      { numRuns: 50 },
    );
  });
});
