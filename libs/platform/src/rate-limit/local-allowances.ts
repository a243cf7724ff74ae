/**
 * What Redis granted one key (ADR 0008): a lease of hits this instance may admit on its own until the
 * window ends, or a block until a time. Redis counted the lease when it granted it, so hits admitted
 * from it are already part of the shared count.
 */
interface Allowance {
  /** Hits of the lease not handed out yet. */
  tokens: number;
  /** Redis' count for the window once the last lease was granted (all instances' hits and leases). */
  countedHits: number;
  windowEndsAt: number;
  /** 0 when not blocked. */
  blockedUntil: number;
  blockedHits: number;
  /** The size of the next lease to ask for: grows while the key is busy, shrinks when a lease goes unused. */
  nextLease: number;
}

/** One hit decided here: what the guard reports (`X-RateLimit-*`, `Retry-After`); times in ms. */
export interface LocalDecision {
  totalHits: number;
  msToExpire: number;
  isBlocked: boolean;
  msToBlockExpire: number;
}

/** What Redis answered for one key of a batch; times in ms. */
export interface Grant {
  countedHits: number;
  msToExpire: number;
  isBlocked: boolean;
  msToBlockExpire: number;
  /** Hits granted to this instance, the current one included (0 when blocked). */
  granted: number;
}

/** Sweeping stops the map from growing with every address ever seen. */
const SWEEP_EVERY_OPERATIONS = 10_000;

/**
 * The per-instance side of the shared rate limits: leases and known blocks per key, so most hits are
 * decided without a Redis round trip. Pure bookkeeping (no I/O), driven by `now()`.
 */
export class LocalAllowances {
  private readonly allowances = new Map<string, Allowance>();
  private operations = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Admits or refuses one hit from what is known here, or `undefined` when only Redis can tell (no
   * lease left, or the window ended).
   */
  take(key: string): LocalDecision | undefined {
    const allowance = this.allowances.get(key);
    if (!allowance) return undefined;
    const now = this.now();
    if (allowance.blockedUntil > now) {
      const msLeft = allowance.blockedUntil - now;
      return { totalHits: allowance.blockedHits, msToExpire: msLeft, isBlocked: true, msToBlockExpire: msLeft };
    }
    if (allowance.tokens <= 0 || allowance.windowEndsAt <= now) return undefined;
    allowance.tokens -= 1;
    return {
      totalHits: allowance.countedHits - allowance.tokens,
      msToExpire: allowance.windowEndsAt - now,
      isBlocked: false,
      msToBlockExpire: 0,
    };
  }

  /** How many hits to ask Redis for: 1 at first, doubling while the key keeps using up its leases. */
  leaseToAsk(key: string, maxLease: number): number {
    const allowance = this.allowances.get(key);
    if (!allowance) return 1;
    return Math.max(1, Math.min(maxLease, allowance.nextLease));
  }

  /** Records Redis' answer and takes the current hit out of it. */
  record(key: string, grant: Grant, maxLease: number): LocalDecision {
    this.sweepNow();
    const now = this.now();
    const previous = this.allowances.get(key);
    if (grant.isBlocked) {
      this.allowances.set(key, {
        tokens: 0,
        countedHits: grant.countedHits,
        windowEndsAt: now + grant.msToExpire,
        blockedUntil: now + grant.msToBlockExpire,
        blockedHits: grant.countedHits,
        nextLease: 1,
      });
      return {
        totalHits: grant.countedHits,
        msToExpire: grant.msToExpire,
        isBlocked: true,
        msToBlockExpire: grant.msToBlockExpire,
      };
    }
    const sameWindow = previous !== undefined && previous.windowEndsAt > now && previous.blockedUntil <= now;
    const carriedTokens = sameWindow ? previous.tokens : 0;
    // A key that used its whole lease asks for twice as much next time; one whose lease outlived its
    // window (hits Redis counted but nobody made) asks for half: few hits stay stranded in leases.
    const leaseUsedUp = previous === undefined || previous.tokens <= 0;
    const nextLease = leaseUsedUp ? grant.granted * 2 : Math.floor(previous.nextLease / 2);
    const allowance: Allowance = {
      tokens: carriedTokens + grant.granted - 1,
      countedHits: grant.countedHits,
      windowEndsAt: now + grant.msToExpire,
      blockedUntil: 0,
      blockedHits: 0,
      nextLease: Math.max(1, Math.min(maxLease, nextLease)),
    };
    this.allowances.set(key, allowance);
    return {
      totalHits: allowance.countedHits - allowance.tokens,
      msToExpire: grant.msToExpire,
      isBlocked: false,
      msToBlockExpire: 0,
    };
  }

  /** Keys with a lease or a block in memory (for tests). */
  get size(): number {
    return this.allowances.size;
  }

  private sweepNow(): void {
    this.operations += 1;
    if (this.operations % SWEEP_EVERY_OPERATIONS !== 0) return;
    const now = this.now();
    for (const [key, allowance] of this.allowances) {
      if (allowance.windowEndsAt <= now && allowance.blockedUntil <= now) this.allowances.delete(key);
    }
  }
}
