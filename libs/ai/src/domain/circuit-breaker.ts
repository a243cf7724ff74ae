import type { Clock } from '@techtrek/platform/kernel';
import type { ModelProviderName } from './provider-name.js';

/** `closed`: calls go through; `open`: calls are refused; `half_open`: one trial call may find out whether to close. */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Failures in a row (no success between them) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets a trial through. */
  cooldownMs: number;
}

/**
 * Stops sending hints to a provider that keeps failing, so learners do not wait out its timeout
 * on every request: after `failureThreshold` failures in a row the circuit opens and the routing
 * falls through to the next provider; after `cooldownMs` one trial call finds out whether the
 * provider is back (success closes the circuit, failure opens it for another cooldown).
 *
 * Every call that `tryAcquire()` let through must end in `recordSuccess()` or `recordFailure()`.
 * An answer that is unusable for this hint only (malformed, truncated) says the provider is up:
 * record it as a success. A trial that never reports (a caller that crashed) does not hold the
 * circuit half-open forever: after another cooldown the next call becomes the trial.
 *
 * Results that arrive while the circuit is open and no trial runs come from calls started before
 * it opened; they are ignored, as the trial decides. A result arriving while a trial runs is as
 * recent as the trial's, so it settles the trial.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private trialStartedAt: number | undefined;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {
    assertValidOptions(options);
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.cooledDown(this.openedAt) ? 'half_open' : 'open';
  }

  /** Whether `tryAcquire()` would let a call through now, without taking the trial: for choosing a route. */
  get acceptsCalls(): boolean {
    switch (this.state) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half_open':
        return this.trialStartedAt === undefined || this.cooledDown(this.trialStartedAt);
    }
  }

  /** Whether a call may go out now; in `half_open`, true once, for the trial. Call right before the call. */
  tryAcquire(): boolean {
    if (!this.acceptsCalls) return false;
    if (this.state === 'half_open') this.trialStartedAt = this.now();
    return true;
  }

  recordSuccess(): void {
    if (this.openedAt !== undefined && this.trialStartedAt === undefined) return;
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.trialStartedAt = undefined;
  }

  /** A failure that says the provider is unwell (see `ProviderFailure.countsAgainstProvider`). */
  recordFailure(): void {
    if (this.openedAt === undefined) {
      this.consecutiveFailures += 1;
      if (this.consecutiveFailures >= this.options.failureThreshold) this.open();
      return;
    }
    if (this.trialStartedAt !== undefined) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.trialStartedAt = undefined;
  }

  private cooledDown(since: number): boolean {
    return this.now() - since >= this.options.cooldownMs;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/**
 * One breaker per model provider, created on first use. Each process (API or worker) keeps its
 * own: a breaker is about not waiting on a provider that is down, and each process learns that
 * within `failureThreshold` calls of its own. Sharing the state through Redis would add a round
 * trip to every hint and make Redis a reason for hints to fail; the cost of not sharing is at most
 * `failureThreshold` failed calls per process, each bounded by the provider timeout.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<ModelProviderName, CircuitBreaker>();

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {
    assertValidOptions(options);
  }

  for(provider: ModelProviderName): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options, this.clock);
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  /** Whether the provider's breaker takes calls now (see `CircuitBreaker.acceptsCalls`). */
  acceptsCalls(provider: ModelProviderName): boolean {
    return this.for(provider).acceptsCalls;
  }
}

function assertValidOptions(options: CircuitBreakerOptions): void {
  if (!Number.isSafeInteger(options.failureThreshold) || options.failureThreshold < 1) {
    throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
  }
  // Positive, because a trial that never reports is given up after one cooldown.
  if (!Number.isFinite(options.cooldownMs) || options.cooldownMs <= 0) {
    throw new RangeError(`cooldownMs must be a positive number, got ${options.cooldownMs}`);
  }
}
