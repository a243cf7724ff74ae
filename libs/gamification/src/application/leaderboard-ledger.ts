import type { BoardEntry, LeaderboardBoard, Standing } from './leaderboard-store.js';

export interface LedgerStanding {
  xp: number;
  /** When the learner reached that XP on the board (their latest entry in its scope); null without one. */
  reachedAt: Date | null;
}

export interface LedgerRow extends LedgerStanding {
  userId: number;
}

/**
 * The boards as PostgreSQL knows them (all-time: `users.xp_points`; weekly: the week's ledger
 * entries): the truth the store is derived from, and the slower answer while it is unavailable.
 * Reads order exactly as the store does (`leaderboardScore()`, then member string, reversed).
 */
export abstract class LeaderboardLedger {
  /** One learner's XP and when it was reached, per board (XP 0 when none). */
  abstract standingsOf(userId: number, boards: readonly LeaderboardBoard[]): Promise<LedgerStanding[]>;

  abstract top(board: LeaderboardBoard, limit: number): Promise<BoardEntry[]>;

  abstract standingOf(userId: number, board: LeaderboardBoard): Promise<Standing>;

  /** Every learner with XP on `board`, `batchSize` at a time, from one consistent snapshot. */
  abstract scan(board: LeaderboardBoard, batchSize: number, each: (rows: LedgerRow[]) => Promise<void>): Promise<void>;

  /** Learners with a ledger entry dated at or after `since`. */
  abstract awardedSince(since: Date): Promise<number[]>;
}
