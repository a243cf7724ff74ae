import { describe, expect, it } from '@jest/globals';
import { addDays } from './local-day.js';
import { Streak } from './streak.js';

const UTC = 'UTC';
const noon = (day: string): Date => new Date(`${day}T12:00:00.000Z`);

/** Records a pass at noon UTC on each day, each arriving as it happens. */
function passOn(days: string[], streak = Streak.empty()): Streak {
  for (const day of days) streak.recordPass({ at: noon(day), timeZone: UTC }, noon(day));
  return streak;
}

/** `count` consecutive days from `first`. */
const run = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => addDays(first, index));

const viewOn = (streak: Streak, day: string) => streak.viewAsOf(noon(day), UTC);

describe('Streak: days in a row', () => {
  it('starts empty', () => {
    expect(viewOn(Streak.empty(), '2025-03-01')).toEqual({
      current: 0,
      longest: 0,
      freezesLeft: 0,
      activeToday: false,
    });
  });

  it('starts at 1 with the first pass', () => {
    const outcome = Streak.empty().recordPass({ at: noon('2025-03-01'), timeZone: UTC }, noon('2025-03-01'));

    expect(outcome).toEqual({
      state: {
        checkpoint: { current: 0, longest: 0, freezesLeft: 0, lastPass: null },
        recent: [
          { day: '2025-03-01', timeZone: UTC, firstAt: '2025-03-01T12:00:00.000Z', lastAt: '2025-03-01T12:00:00.000Z' },
        ],
      },
      view: { current: 1, longest: 1, freezesLeft: 0, activeToday: true },
      counted: true,
      extended: true,
      freezesUsed: 0,
      freezeEarned: false,
    });
  });

  it('counts a day once however many lessons are passed on it', () => {
    const streak = passOn(['2025-03-01']);
    const outcome = streak.recordPass({ at: new Date('2025-03-01T18:00:00Z'), timeZone: UTC }, noon('2025-03-01'));

    expect(outcome).toMatchObject({ extended: false, view: { current: 1, longest: 1 } });
    expect(outcome.state.recent).toEqual([
      { day: '2025-03-01', timeZone: UTC, firstAt: '2025-03-01T12:00:00.000Z', lastAt: '2025-03-01T18:00:00.000Z' },
    ]);
  });

  it('grows by one per day and reports the 3-day milestone on the third day', () => {
    const streak = passOn(['2025-03-01', '2025-03-02']);
    const outcome = streak.recordPass({ at: noon('2025-03-03'), timeZone: UTC }, noon('2025-03-03'));

    expect(outcome).toMatchObject({ extended: true, milestone: 3, view: { current: 3, longest: 3 } });
  });

  it('restarts at 1 after a missed day with no freeze, keeping the longest', () => {
    const streak = passOn([...run('2025-03-01', 4), '2025-03-06']);

    expect(viewOn(streak, '2025-03-06')).toEqual({ current: 1, longest: 4, freezesLeft: 0, activeToday: true });
  });

  it('reports each milestone the first time the run reaches it: 3, 7, 30, 100', () => {
    const streak = Streak.empty();
    const milestones: number[] = [];
    for (const day of run('2025-01-01', 100)) {
      const outcome = streak.recordPass({ at: noon(day), timeZone: UTC }, noon(day));
      if (outcome.milestone !== undefined) milestones.push(outcome.milestone);
    }
    expect(milestones).toEqual([3, 7, 30, 100]);
  });

  it('reports milestones again in a new run after a break', () => {
    const streak = passOn([...run('2025-03-01', 3), ...run('2025-03-05', 2)]);
    const outcome = streak.recordPass({ at: noon('2025-03-07'), timeZone: UTC }, noon('2025-03-07'));

    expect(outcome).toMatchObject({ milestone: 3, view: { current: 3, longest: 3 } });
  });
});

describe('Streak: freezes', () => {
  it('earns a freeze at 7 days and another at 14, and holds at most 2', () => {
    const streak = passOn(run('2025-03-01', 6));
    const at7 = streak.recordPass({ at: noon('2025-03-07'), timeZone: UTC }, noon('2025-03-07'));
    expect(at7).toMatchObject({ freezeEarned: true, milestone: 7, view: { current: 7, freezesLeft: 1 } });

    passOn(run('2025-03-08', 6), streak);
    const at14 = streak.recordPass({ at: noon('2025-03-14'), timeZone: UTC }, noon('2025-03-14'));
    expect(at14).toMatchObject({ freezeEarned: true, view: { current: 14, freezesLeft: 2 } });

    passOn(run('2025-03-15', 6), streak);
    const at21 = streak.recordPass({ at: noon('2025-03-21'), timeZone: UTC }, noon('2025-03-21'));
    expect(at21).toMatchObject({ freezeEarned: false, view: { current: 21, freezesLeft: 2 } });
  });

  it('spends one freeze on one missed day; the frozen day does not count, the new day does', () => {
    const streak = passOn(run('2025-03-01', 7));
    const outcome = streak.recordPass({ at: noon('2025-03-09'), timeZone: UTC }, noon('2025-03-09'));

    expect(outcome).toMatchObject({ extended: true, freezesUsed: 1, view: { current: 8, longest: 8, freezesLeft: 0 } });
  });

  it('spends two freezes on two missed days', () => {
    const streak = passOn(run('2025-03-01', 14));
    const outcome = streak.recordPass({ at: noon('2025-03-17'), timeZone: UTC }, noon('2025-03-17'));

    expect(outcome).toMatchObject({ freezesUsed: 2, view: { current: 15, freezesLeft: 0 } });
  });

  it('restarts without spending freezes when the gap is longer than the freezes held', () => {
    const streak = passOn(run('2025-03-01', 7));
    const outcome = streak.recordPass({ at: noon('2025-03-10'), timeZone: UTC }, noon('2025-03-10'));

    expect(outcome).toMatchObject({ extended: true, freezesUsed: 0, view: { current: 1, longest: 7, freezesLeft: 1 } });
  });

  it('earns a freeze again once the run reaches the next multiple of 7 after spending one', () => {
    const streak = passOn([...run('2025-03-01', 7), ...run('2025-03-09', 6)]);
    expect(viewOn(streak, '2025-03-14')).toEqual({ current: 13, longest: 13, freezesLeft: 0, activeToday: true });

    passOn(['2025-03-15'], streak);
    expect(viewOn(streak, '2025-03-15')).toEqual({ current: 14, longest: 14, freezesLeft: 1, activeToday: true });
  });
});

describe('Streak.viewAsOf', () => {
  const streak = passOn(run('2025-03-01', 7));

  it.each([
    ['2025-03-07', { current: 7, longest: 7, freezesLeft: 1, activeToday: true }],
    ['2025-03-08', { current: 7, longest: 7, freezesLeft: 1, activeToday: false }],
    ['2025-03-09', { current: 7, longest: 7, freezesLeft: 0, activeToday: false }],
    ['2025-03-10', { current: 0, longest: 7, freezesLeft: 1, activeToday: false }],
    ['2025-04-30', { current: 0, longest: 7, freezesLeft: 1, activeToday: false }],
  ])('on %s reads %j', (today, view) => {
    expect(viewOn(streak, today)).toEqual(view);
  });

  it('breaks when the day after the last pass ends in the viewer’s zone, not in UTC', () => {
    const berlin = Streak.empty();
    berlin.recordPass({ at: new Date('2025-03-01T10:00:00Z'), timeZone: 'Europe/Berlin' }, noon('2025-03-01'));

    expect(berlin.viewAsOf(new Date('2025-03-02T22:59:00Z'), 'Europe/Berlin').current).toBe(1);
    expect(berlin.viewAsOf(new Date('2025-03-02T23:00:00Z'), 'Europe/Berlin').current).toBe(0);
    expect(berlin.viewAsOf(new Date('2025-03-02T23:00:00Z'), UTC).current).toBe(1);
  });
});

describe('Streak.standsThrough', () => {
  it('is the day after the last pass without freezes, one more day per freeze held', () => {
    expect(passOn(['2025-03-01']).standsThrough(noon('2025-03-01'), UTC)).toBe('2025-03-02');
    expect(passOn(run('2025-03-01', 7)).standsThrough(noon('2025-03-07'), UTC)).toBe('2025-03-09');
  });

  it('agrees with the view: standing on that day, broken the day after', () => {
    const streak = passOn(run('2025-03-01', 7));
    const through = streak.standsThrough(noon('2025-03-07'), UTC)!;

    expect(viewOn(streak, through).current).toBe(7);
    expect(viewOn(streak, addDays(through, 1)).current).toBe(0);
  });

  it('is null for no streak or a broken one', () => {
    expect(Streak.empty().standsThrough(noon('2025-03-01'), UTC)).toBeNull();
    expect(passOn(['2025-03-01']).standsThrough(noon('2025-03-05'), UTC)).toBeNull();
  });

  it('counts in the zone asked: the last pass falls on another date in Tokyo', () => {
    const streak = Streak.empty();
    streak.recordPass(
      { at: new Date('2025-03-01T20:00:00Z'), timeZone: 'Asia/Tokyo' },
      new Date('2025-03-01T20:00:00Z'),
    );

    expect(streak.standsThrough(new Date('2025-03-01T21:00:00Z'), 'Asia/Tokyo')).toBe('2025-03-03');
  });
});

describe('Streak: late passes', () => {
  it('places a pass synced days later on its own day, joining two runs', () => {
    const streak = passOn([...run('2025-03-01', 2), ...run('2025-03-04', 2)]);
    const late = streak.recordPass({ at: noon('2025-03-03'), timeZone: UTC }, noon('2025-03-05'));

    expect(late).toMatchObject({ extended: true, milestone: 3, view: { current: 5, longest: 5 } });
  });

  it('does not report a milestone twice when a late pass rejoins a run that had reached it', () => {
    const streak = passOn([...run('2025-03-01', 7), '2025-03-10']);
    expect(viewOn(streak, '2025-03-10').current).toBe(1);

    // 03-08 joins the runs: 03-09 is frozen, so the count goes from 1 to 9 past 7, reached on 03-07.
    const late = streak.recordPass({ at: noon('2025-03-08'), timeZone: UTC }, noon('2025-03-10'));

    expect(late).toMatchObject({ extended: true, freezesUsed: 1, view: { current: 9, freezesLeft: 0 } });
    expect(late.milestone).toBeUndefined();
  });

  it('reports no milestone for a run that is already broken', () => {
    const streak = passOn(['2025-03-01', '2025-03-03']);
    const late = streak.recordPass({ at: noon('2025-03-02'), timeZone: UTC }, noon('2025-03-08'));

    expect(late).toMatchObject({ extended: false, view: { current: 0, longest: 3 } });
    expect(late.milestone).toBeUndefined();
  });

  it('gives the same state whichever device syncs first', () => {
    const inOrder = passOn(run('2025-03-01', 5));
    const shuffled = Streak.empty();
    for (const day of ['2025-03-05', '2025-03-02', '2025-03-04', '2025-03-01', '2025-03-03']) {
      shuffled.recordPass({ at: noon(day), timeZone: UTC }, noon('2025-03-05'));
    }
    expect(shuffled.snapshot).toEqual(inOrder.snapshot);
  });

  it('ignores a pass older than the 9-day window', () => {
    const streak = passOn(['2025-03-20']);
    const outcome = streak.recordPass({ at: noon('2025-03-10'), timeZone: UTC }, new Date('2025-03-20T12:00:01Z'));

    expect(outcome).toMatchObject({ counted: false, extended: false, view: { current: 1, longest: 1 } });
    expect(outcome.state).toEqual(passOn(['2025-03-20']).snapshot);
  });
});

describe('Streak: stored state', () => {
  it('folds days older than 9 days into the checkpoint and keeps the rest as recent days', () => {
    const streak = passOn(run('2025-03-01', 12));

    expect(streak.snapshot).toEqual({
      checkpoint: {
        current: 2,
        longest: 2,
        freezesLeft: 0,
        lastPass: { day: '2025-03-02', timeZone: UTC, at: '2025-03-02T12:00:00.000Z' },
      },
      recent: run('2025-03-03', 10).map((day) => ({
        day,
        timeZone: UTC,
        firstAt: `${day}T12:00:00.000Z`,
        lastAt: `${day}T12:00:00.000Z`,
      })),
    });
    expect(viewOn(streak, '2025-03-12')).toEqual({ current: 12, longest: 12, freezesLeft: 1, activeToday: true });
  });

  it('survives a JSON round trip (a jsonb column)', () => {
    const streak = passOn([...run('2025-03-01', 12), '2025-03-14']);
    const restored = Streak.restore(JSON.parse(JSON.stringify(streak.snapshot)));

    expect(restored.snapshot).toEqual(streak.snapshot);
    expect(viewOn(restored, '2025-03-15')).toEqual({ current: 13, longest: 13, freezesLeft: 0, activeToday: false });
    expect(passOn(['2025-03-15'], restored).snapshot).toEqual(passOn(['2025-03-15'], streak).snapshot);
  });

  it('is not changed through a snapshot a caller mutates', () => {
    const streak = passOn(['2025-03-01']);
    streak.snapshot.recent.pop();

    expect(streak.snapshot.recent).toHaveLength(1);
  });
});
