import type { StreakState } from '../domain/streak.js';
import type { XpLedgerEntry } from '../domain/xp-policy.js';
import type { HeldBadge } from './badge.repository.js';
import type { XpAppendResult } from './xp-ledger.js';

/** Where a learner stands once an attempt's XP is paid: what its streak and badges are worked out from. */
export interface RewardStanding {
  xp: XpAppendResult;
  streak: StreakState | undefined;
  /** Oldest first. */
  held: HeldBadge[];
}

/**
 * An attempt's XP appended (as `XpLedger.append` does) and the learner's streak and badges read, in
 * one round trip: the write path of every attempt pays per statement. The caller holds the
 * learner's lock, so nothing else moves the streak or the badges between the append and the reads.
 */
export abstract class RewardStandings {
  abstract appendXpAndRead(userId: number, entries: readonly XpLedgerEntry[]): Promise<RewardStanding>;
}
