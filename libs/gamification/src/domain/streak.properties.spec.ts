import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, localDayOf } from './local-day.js';
import { Streak, type PassMoment, type StreakView } from './streak.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALL_ZONES = Intl.supportedValuesOf('timeZone');
const DST_CHANGES: [zone: string, day: string][] = [
  ['Europe/Berlin', '2025-03-30'],
  ['Europe/Berlin', '2025-10-26'],
  ['America/New_York', '2025-03-09'],
  ['America/New_York', '2025-11-02'],
  ['Australia/Sydney', '2025-04-06'],
  ['Australia/Sydney', '2025-10-05'],
  ['Australia/Lord_Howe', '2025-10-05'], // a 30-minute change
  ['America/Santiago', '2025-09-07'], // changes at midnight
  ['America/Havana', '2025-03-09'], // changes at midnight
];

const zone = fc.constantFrom(...ALL_ZONES);
const hoppingZone = fc.constantFrom('Europe/Berlin', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago');
/* Years in which no zone skips a whole date (Samoa did in 2011) or has a day shorter than 20 hours. */
const instant = fc.date({ min: new Date('2015-01-01'), max: new Date('2035-01-01'), noInvalidDate: true });

const wallClock = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock reading of `at` in `timeZone`, as if it were UTC. */
function wallClockMs(at: number, timeZone: string): number {
  if (!wallClock.has(timeZone)) {
    const options: Intl.DateTimeFormatOptions = { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric' };
    wallClock.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', { ...options, day: 'numeric', hour: 'numeric', minute: 'numeric' }),
    );
  }
  const parts = Object.fromEntries(
    wallClock
      .get(timeZone)!
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
}

/** The instant at `minute` past midnight of `day` in `timeZone`, or undefined if that reading never happens. */
function atLocal(day: string, minute: number, timeZone: string): Date | undefined {
  const reading = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
  let at = reading;
  for (let step = 0; step < 3; step += 1) at = reading - (wallClockMs(at, timeZone) - at);
  return localDayOf(new Date(at), timeZone) === day ? new Date(at) : undefined;
}

const views = (streak: Streak, at: Date, timeZone: string): StreakView[] =>
  [0, 1, 2, 3, 10].map((days) => streak.viewAsOf(new Date(at.getTime() + days * DAY), timeZone));

const activeDaysOf = (passes: PassMoment[]): number =>
  new Set(passes.map((pass) => `${localDayOf(pass.at, pass.timeZone)}|${pass.timeZone}`)).size;

/** Passes within the 7 days before `now`, as a learner's devices could still sync them. */
const passesWithin = (now: Date, zones: fc.Arbitrary<string> = zone) =>
  fc.array(
    fc
      .record({ ago: fc.integer({ min: 0, max: 7 * DAY }), timeZone: zones })
      .map(({ ago, timeZone }): PassMoment => ({ at: new Date(now.getTime() - ago), timeZone })),
    { minLength: 1, maxLength: 12 },
  );

const windowCase = instant.chain((now) =>
  passesWithin(now, fc.oneof(zone, fc.constantFrom('Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'))).chain(
    (passes) =>
      fc.tuple(fc.constant(now), fc.constant(passes), fc.shuffledSubarray(passes, { minLength: passes.length })),
  ),
);

function recordAll(passes: PassMoment[], now: (pass: PassMoment) => Date, streak = Streak.empty()): Streak {
  for (const pass of passes) streak.recordPass(pass, now(pass));
  return streak;
}

describe('Streak properties', () => {
  it('does not depend on the order passes arrive in', () => {
    fc.assert(
      fc.property(windowCase, zone, ([now, passes, shuffled], viewer) => {
        const inOrder = recordAll(passes, () => now);
        const reordered = recordAll(shuffled, () => now);
        expect(reordered.snapshot).toEqual(inOrder.snapshot);
        expect(views(reordered, now, viewer)).toEqual(views(inOrder, now, viewer));
      }),
    );
  });

  it('counts passes synced up to 7 days late as if each had arrived on time', () => {
    const lateCase = fc.tuple(
      instant,
      fc.array(
        fc.record({ after: fc.integer({ min: 0, max: 40 * DAY }), delay: fc.integer({ min: 0, max: 7 * DAY }) }),
        {
          minLength: 1,
          maxLength: 25,
        },
      ),
      fc.constantFrom('Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Kathmandu'),
    );
    fc.assert(
      fc.property(lateCase, ([start, timings, timeZone]) => {
        const passes = timings.map(({ after, delay }) => ({
          pass: { at: new Date(start.getTime() + after), timeZone },
          arrival: new Date(start.getTime() + after + delay),
        }));
        const onTime = recordAll(
          [...passes].sort((a, b) => a.pass.at.getTime() - b.pass.at.getTime()).map(({ pass }) => pass),
          (pass) => pass.at,
        );
        const late = Streak.empty();
        const byArrival = [...passes].sort((a, b) => a.arrival.getTime() - b.arrival.getTime());
        for (const { pass, arrival } of byArrival) expect(late.recordPass(pass, arrival).counted).toBe(true);
        const end = byArrival[byArrival.length - 1].arrival;
        expect(views(late, end, timeZone)).toEqual(views(onTime, end, timeZone));
      }),
    );
  });

  it('changes nothing when a pass is recorded twice', () => {
    fc.assert(
      fc.property(windowCase, fc.nat(), ([now, passes], pick) => {
        const streak = recordAll(passes, () => now);
        const before = streak.snapshot;
        const outcome = streak.recordPass(passes[pick % passes.length], now);
        expect(outcome.state).toEqual(before);
        expect(outcome).toMatchObject({ extended: false, freezesUsed: 0, freezeEarned: false });
        expect(outcome.milestone).toBeUndefined();
      }),
    );
  });

  it('keeps current ≤ longest ≤ the distinct active days, and 0 to 2 freezes', () => {
    fc.assert(
      fc.property(windowCase, zone, ([now, passes], viewer) => {
        const streak = recordAll(passes, () => now);
        for (const view of views(streak, now, viewer)) {
          expect(view.current).toBeGreaterThanOrEqual(0);
          expect(view.current).toBeLessThanOrEqual(view.longest);
          expect(view.longest).toBeLessThanOrEqual(activeDaysOf(passes));
          expect(view.freezesLeft).toBeGreaterThanOrEqual(0);
          expect(view.freezesLeft).toBeLessThanOrEqual(2);
        }
      }),
    );
  });

  it('in one zone, never counts more days than the learner passed on', () => {
    const oneZone = fc
      .tuple(instant, zone)
      .chain(([now, timeZone]) =>
        fc.tuple(fc.constant(now), fc.constant(timeZone), passesWithin(now, fc.constant(timeZone))),
      );
    fc.assert(
      fc.property(oneZone, ([now, timeZone, passes]) => {
        const distinctDays = new Set(passes.map((pass) => localDayOf(pass.at, timeZone))).size;
        const streak = recordAll(passes, () => now);
        expect(streak.viewAsOf(now, timeZone).longest).toBeLessThanOrEqual(distinctDays);
      }),
    );
  });

  const gapFreeRun = (zones: fc.Arbitrary<[string, string]>) =>
    zones.chain(([timeZone, first]) =>
      fc.tuple(
        fc.constant(timeZone),
        fc.constant(first),
        // Minutes past midnight, crowded around midnight and 02:00–03:00, where DST moves the clock.
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 1439 }),
            fc.integer({ min: 0, max: 240 }),
            fc.integer({ min: 1320, max: 1439 }),
          ),
          {
            minLength: 1,
            maxLength: 45,
          },
        ),
      ),
    );

  function expectRunOf(timeZone: string, first: string, minutes: number[]): void {
    const passes = minutes.map((minute, index) => atLocal(addDays(first, index), minute, timeZone));
    fc.pre(passes.every((at) => at !== undefined));
    const streak = recordAll(
      passes.map((at) => ({ at: at!, timeZone })),
      (pass) => pass.at,
    );
    const n = minutes.length;
    expect(streak.viewAsOf(passes[n - 1]!, timeZone)).toEqual({
      current: n,
      longest: n,
      freezesLeft: Math.min(2, Math.floor(n / 7)),
      activeToday: true,
    });
  }

  it('counts a gap-free run of n local days as n, in any zone, at any time of day', () => {
    const anyStart = fc.tuple(
      zone,
      instant.map((at) => at.toISOString().slice(0, 10)),
    );
    fc.assert(fc.property(gapFreeRun(anyStart), ([timeZone, first, minutes]) => expectRunOf(timeZone, first, minutes)));
  });

  it('counts runs across DST changes exactly like any other run', () => {
    const nearChange = fc
      .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: 0, max: 10 }))
      .map(([[timeZone, day], before]): [string, string] => [timeZone, addDays(day, -before)]);
    fc.assert(
      fc.property(gapFreeRun(nearChange), ([timeZone, first, minutes]) => expectRunOf(timeZone, first, minutes)),
      {
        numRuns: 300,
      },
    );
  });

  it('never breaks for a learner who passes at least every 20 hours, whatever zones they pass in', () => {
    const walk = fc.tuple(
      instant,
      // Mostly a few far-apart zones, so a walk often returns to a zone within a day.
      fc.array(
        fc.tuple(
          fc.oneof(fc.integer({ min: 60_000, max: 4 * HOUR }), fc.integer({ min: 60_000, max: 20 * HOUR })),
          fc.oneof({ arbitrary: hoppingZone, weight: 4 }, zone),
        ),
        {
          minLength: 1,
          maxLength: 60,
        },
      ),
    );
    fc.assert(
      fc.property(walk, ([start, steps]) => {
        const streak = Streak.empty();
        let at = start.getTime();
        for (const [step, timeZone] of steps) {
          at += step;
          const outcome = streak.recordPass({ at: new Date(at), timeZone }, new Date(at));
          expect(outcome.freezesUsed).toBe(0);
          expect(outcome.view.current).toBe(outcome.view.longest);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
