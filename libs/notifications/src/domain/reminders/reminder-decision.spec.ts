import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseClockTime } from '../preferences/clock-time.js';
import { decideReminder, type ReminderSendFacts } from './reminder-decision.js';
import { nextReminderDay } from './reminder-day.js';
import { isWithinQuietHours } from './reminder-send-time.js';

const t = (text: string): number => parseClockTime(text)!;
const due: ReminderSendFacts = {
  claimedFor: '2026-03-08',
  today: '2026-03-08',
  timeNow: t('19:00'),
  enabled: true,
  practisedToday: false,
  quietHours: null,
};

describe('nextReminderDay', () => {
  const facts = { today: '2026-03-08', sendsLaterToday: true, practisedOn: null, claimedToday: false };

  it('is today while its time is ahead and nothing made it pointless', () => {
    expect(nextReminderDay(facts)).toBe('today');
    expect(nextReminderDay({ ...facts, practisedOn: '2026-03-07' })).toBe('today');
  });

  it('is tomorrow once today is practised, claimed or past its time', () => {
    expect(nextReminderDay({ ...facts, sendsLaterToday: false })).toBe('tomorrow');
    expect(nextReminderDay({ ...facts, practisedOn: '2026-03-08' })).toBe('tomorrow');
    expect(nextReminderDay({ ...facts, claimedToday: true })).toBe('tomorrow');
  });
});

describe('decideReminder', () => {
  it('sends a due reminder', () => {
    expect(decideReminder(due)).toEqual({ outcome: 'sent' });
  });

  it('records why a claimed reminder is not sent', () => {
    expect(decideReminder({ ...due, today: '2026-03-09' })).toEqual({ outcome: 'expired' });
    expect(decideReminder({ ...due, enabled: false })).toEqual({ outcome: 'disabled' });
    expect(decideReminder({ ...due, practisedToday: true })).toEqual({ outcome: 'practised' });
  });

  it('waits for quiet hours set since the claim to end, or gives the day up', () => {
    const quietHours = { start: t('18:30'), end: t('20:00') };
    expect(decideReminder({ ...due, quietHours })).toEqual({ outcome: 'sent', deferredTo: t('20:00') });
    const overnight = { start: t('18:30'), end: t('06:00') };
    expect(decideReminder({ ...due, quietHours: overnight })).toEqual({ outcome: 'expired' });
  });

  it('never sends inside quiet hours (property)', () => {
    const minute = fc.integer({ min: 0, max: 1439 });
    fc.assert(
      fc.property(minute, minute, minute, (timeNow, start, end) => {
        fc.pre(start !== end);
        const quietHours = { start, end };
        const decision = decideReminder({ ...due, timeNow, quietHours });
        if (decision.outcome !== 'sent') return;
        const at = decision.deferredTo ?? timeNow;
        expect(isWithinQuietHours(at, quietHours)).toBe(false);
        expect(at).toBeGreaterThanOrEqual(timeNow);
      }),
    );
  });
});
