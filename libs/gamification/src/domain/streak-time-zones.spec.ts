import { describe, expect, it } from '@jest/globals';
import { Streak, type PassMoment } from './streak.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const KIRITIMATI = 'Pacific/Kiritimati'; // UTC+14
const PAGO_PAGO = 'Pacific/Pago_Pago'; // UTC−11: the same wall time is 25 hours later

/** Records passes given as local ISO times with their offset, each arriving as it happens. */
function record(passes: [local: string, timeZone: string][]) {
  const streak = Streak.empty();
  const outcomes = passes.map(([local, timeZone]) => {
    const pass: PassMoment = { at: new Date(local), timeZone };
    return streak.recordPass(pass, pass.at);
  });
  return { streak, outcomes, last: outcomes[outcomes.length - 1] };
}

describe('Streak across DST changes', () => {
  it('Berlin, spring forward (30 March 2025 has 23 hours): an hour apart across midnight, then 23 hours', () => {
    const { last } = record([
      ['2025-03-29T23:30:00+01:00', BERLIN],
      ['2025-03-30T00:30:00+01:00', BERLIN],
      ['2025-03-31T00:30:00+02:00', BERLIN],
    ]);
    expect(last.view).toEqual({ current: 3, longest: 3, freezesLeft: 0, activeToday: true });
  });

  it('Berlin, fall back (26 October 2025 has 25 hours): passes 24h40m apart on one day count once', () => {
    const { outcomes } = record([
      ['2025-10-26T00:05:00+02:00', BERLIN],
      ['2025-10-26T23:45:00+01:00', BERLIN],
      ['2025-10-27T00:15:00+01:00', BERLIN],
    ]);
    expect(outcomes.map((outcome) => outcome.view.current)).toEqual([1, 1, 2]);
  });

  it('Berlin, fall back: skipping the 25-hour day is a missed day', () => {
    const { last } = record([
      ['2025-10-25T23:30:00+02:00', BERLIN],
      ['2025-10-27T00:30:00+01:00', BERLIN],
    ]);
    expect(last.view).toMatchObject({ current: 1, longest: 1 });
  });

  it('New York, spring forward and fall back: a week on each side counts every day once', () => {
    const { last: spring } = record([
      ['2025-03-06T23:59:00-05:00', NEW_YORK],
      ['2025-03-07T23:59:00-05:00', NEW_YORK],
      ['2025-03-08T23:59:00-05:00', NEW_YORK],
      ['2025-03-09T00:01:00-05:00', NEW_YORK],
      ['2025-03-10T00:01:00-04:00', NEW_YORK],
      ['2025-03-11T23:59:00-04:00', NEW_YORK],
      ['2025-03-12T23:59:00-04:00', NEW_YORK],
    ]);
    expect(spring.view).toEqual({ current: 7, longest: 7, freezesLeft: 1, activeToday: true });

    const { last: autumn } = record([
      ['2025-10-31T00:01:00-04:00', NEW_YORK],
      ['2025-11-01T23:59:00-04:00', NEW_YORK],
      ['2025-11-02T00:01:00-04:00', NEW_YORK],
      ['2025-11-02T23:59:00-05:00', NEW_YORK],
      ['2025-11-03T00:01:00-05:00', NEW_YORK],
    ]);
    expect(autumn.view).toEqual({ current: 4, longest: 4, freezesLeft: 0, activeToday: true });
  });

  it('counts the same passes the same whether synced late across the change or on time', () => {
    const passes: PassMoment[] = ['2025-03-29T22:30:00Z', '2025-03-30T21:30:00Z', '2025-03-31T21:30:00Z'].map((at) => ({
      at: new Date(at),
      timeZone: BERLIN,
    }));
    const onTime = Streak.empty();
    passes.forEach((pass) => onTime.recordPass(pass, pass.at));
    const late = Streak.empty();
    [...passes].reverse().forEach((pass) => late.recordPass(pass, new Date('2025-04-01T08:00:00Z')));

    expect(late.snapshot).toEqual(onTime.snapshot);
    expect(late.viewAsOf(new Date('2025-04-01T08:00:00Z'), BERLIN).current).toBe(3);
  });
});

describe('Streak across the date line', () => {
  it('does not count a date twice when flying back into the previous date (Kiritimati → Pago Pago)', () => {
    const { outcomes } = record([
      ['2025-06-16T10:00:00+14:00', KIRITIMATI], // Monday there; Sunday 09:00 in Pago Pago
      ['2025-06-15T18:00:00-11:00', PAGO_PAGO], // Sunday again, nine hours later
      ['2025-06-16T18:00:00-11:00', PAGO_PAGO], // Monday in Pago Pago
    ]);
    expect(outcomes.map((outcome) => [outcome.view.current, outcome.extended])).toEqual([
      [1, true],
      [1, false],
      [2, true],
    ]);
  });

  it('does not break the streak for the date skipped when flying forward (Pago Pago → Kiritimati)', () => {
    const { last } = record([
      ['2025-06-15T10:00:00-11:00', PAGO_PAGO], // Sunday; already Monday 11:00 in Kiritimati
      ['2025-06-17T20:00:00+14:00', KIRITIMATI], // Tuesday: the next day after that Monday
    ]);
    expect(last).toMatchObject({ extended: true, freezesUsed: 0, view: { current: 2, longest: 2 } });
  });

  it('counts a date lived twice as two days when the learner passes on both, a day apart', () => {
    const { last } = record([
      ['2025-06-16T10:00:00+14:00', KIRITIMATI],
      ['2025-06-16T10:00:00-11:00', PAGO_PAGO],
    ]);
    expect(last.view).toMatchObject({ current: 2 });
  });

  it('reads the streak in the viewer’s zone: a pass made in Kiritimati is yesterday in Pago Pago', () => {
    const { streak } = record([['2025-06-16T10:00:00+14:00', KIRITIMATI]]);

    expect(streak.viewAsOf(new Date('2025-06-16T23:00:00-11:00'), PAGO_PAGO).current).toBe(1);
    expect(streak.viewAsOf(new Date('2025-06-17T00:00:00-11:00'), PAGO_PAGO).current).toBe(0);
  });

  it('compares a day with the latest pass before it, not with the day that began last', () => {
    const { last } = record([
      ['2025-06-16T00:10:00+02:00', BERLIN], // Monday
      ['2025-06-16T17:00:00+09:00', 'Asia/Tokyo'], // 08:00Z: Monday in Tokyo too
      ['2025-06-16T23:50:00+02:00', BERLIN], // 21:50Z: Berlin's Monday again, Tuesday 11:50 in Kiritimati
      ['2025-06-18T05:00:00+14:00', KIRITIMATI], // 17 hours later: the day after that Tuesday
    ]);
    // Against Tokyo's pass (Monday 22:00 in Kiritimati) Wednesday would look like a missed day.
    expect(last).toMatchObject({ freezesUsed: 0, view: { longest: 2, current: 2 } });
  });
});
