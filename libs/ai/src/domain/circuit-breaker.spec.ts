import { beforeEach, describe, expect, it } from '@jest/globals';
import { FixedClock } from '@techtrek/platform/kernel';
import fc from 'fast-check';
import { CircuitBreaker, CircuitBreakers } from './circuit-breaker.js';

const options = { failureThreshold: 3, cooldownMs: 30_000 };

describe('CircuitBreaker', () => {
  let clock: FixedClock;
  let breaker: CircuitBreaker;

  const fail = (times: number): void => {
    for (let call = 0; call < times; call += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
  };
  const openAndCoolDown = (): void => {
    fail(3);
    clock.advanceBy(30_000);
  };

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-03-01T09:00:00.000Z'));
    breaker = new CircuitBreaker(options, clock);
  });

  it('starts closed and lets every call through', () => {
    expect(breaker.state).toBe('closed');
    expect([breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, true, true]);
  });

  it('stays closed below the threshold of failures in a row', () => {
    fail(2);

    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens at the threshold and refuses calls', () => {
    fail(3);

    expect(breaker.state).toBe('open');
    expect(breaker.acceptsCalls).toBe(false);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('counts failures in a row only: a success between them starts the count again', () => {
    fail(2);
    breaker.recordSuccess();
    fail(2);

    expect(breaker.state).toBe('closed');
  });

  it('refuses for the whole cooldown, then is half-open', () => {
    fail(3);
    clock.advanceBy(29_999);
    expect(breaker.tryAcquire()).toBe(false);

    clock.advanceBy(1);
    expect(breaker.state).toBe('half_open');
    expect(breaker.acceptsCalls).toBe(true);
  });

  it('lets exactly one trial call through when half-open, refusing the others while it runs', () => {
    openAndCoolDown();

    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.acceptsCalls).toBe(false);
    expect(breaker.state).toBe('half_open');
  });

  it('does not take the trial when only asked whether it accepts calls', () => {
    openAndCoolDown();

    expect(breaker.acceptsCalls).toBe(true);
    expect(breaker.acceptsCalls).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('closes when the trial succeeds, with a fresh failure count', () => {
    openAndCoolDown();
    breaker.tryAcquire();
    breaker.recordSuccess();

    expect(breaker.state).toBe('closed');
    fail(2);
    expect(breaker.state).toBe('closed');
  });

  it('opens for another full cooldown when the trial fails', () => {
    openAndCoolDown();
    clock.advanceBy(5_000);
    breaker.tryAcquire();
    breaker.recordFailure();

    expect(breaker.state).toBe('open');
    clock.advanceBy(29_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advanceBy(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('ignores results of calls started before it opened, while no trial runs', () => {
    fail(3);
    breaker.recordSuccess();
    expect(breaker.state).toBe('open');

    clock.advanceBy(30_000);
    breaker.recordFailure();
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('lets another trial through when a trial never reports within a cooldown', () => {
    openAndCoolDown();
    expect(breaker.tryAcquire()).toBe(true);

    clock.advanceBy(29_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advanceBy(1);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('opens at the first failure with a threshold of 1', () => {
    const eager = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1 }, clock);
    eager.recordFailure();

    expect(eager.state).toBe('open');
  });

  it.each([
    { failureThreshold: 0, cooldownMs: 1_000 },
    { failureThreshold: 1.5, cooldownMs: 1_000 },
    { failureThreshold: 3, cooldownMs: 0 },
    { failureThreshold: 3, cooldownMs: Number.NaN },
  ])('refuses the options %p', (invalid) => {
    expect(() => new CircuitBreaker(invalid, clock)).toThrow(RangeError);
    expect(() => new CircuitBreakers(invalid, clock)).toThrow(RangeError);
  });

  it('never has two unsettled calls through while not closed, unless a cooldown passed between them', () => {
    const step = fc.constantFrom<'acquire' | 'success' | 'failure' | 'wait'>('acquire', 'success', 'failure', 'wait');
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80 }), (steps) => {
        const subject = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000 }, clock);
        let unsettledTrialAt: number | undefined;
        for (const next of steps) {
          const now = clock.now().getTime();
          if (next === 'acquire') {
            const wasClosed = subject.state === 'closed';
            if (subject.tryAcquire() && !wasClosed) {
              if (unsettledTrialAt !== undefined) expect(now - unsettledTrialAt).toBeGreaterThanOrEqual(1_000);
              unsettledTrialAt = now;
            }
          } else if (next === 'wait') {
            clock.advanceBy(500);
          } else {
            if (next === 'success') subject.recordSuccess();
            else subject.recordFailure();
            unsettledTrialAt = undefined;
          }
        }
      }),
    );
  });
});

describe('CircuitBreakers', () => {
  it('keeps one breaker per provider, created on first use', () => {
    const clock = new FixedClock(new Date('2026-03-01T09:00:00.000Z'));
    const breakers = new CircuitBreakers({ failureThreshold: 1, cooldownMs: 10_000 }, clock);

    expect(breakers.for('openai')).toBe(breakers.for('openai'));
    breakers.for('openai').recordFailure();

    expect(breakers.acceptsCalls('openai')).toBe(false);
    expect(breakers.acceptsCalls('anthropic')).toBe(true);
    expect(breakers.for('gemini').state).toBe('closed');
  });
});
