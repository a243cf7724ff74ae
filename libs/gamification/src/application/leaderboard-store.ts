import type { LeaderboardWeek } from '../domain/leaderboard-score.js';

export const LEADERBOARD_PERIODS = ['all', 'weekly'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** One board: all-time, or one ISO week's (UTC, from Monday). */
export type LeaderboardBoard = { period: 'all' } | { period: 'weekly'; week: LeaderboardWeek };

/** A weekly board stays readable this long after its week ends, then expires on its own. */
export const WEEKLY_BOARD_KEPT_MS = 8 * 86_400_000;

export interface BoardEntry {
  userId: number;
  xp: number;
}

export interface Standing {
  /** 1 for the top; null when the learner has no XP on that board. */
  rank: number | null;
  xp: number;
}

export interface ScoredUser {
  userId: number;
  /** `leaderboardScore()`; null takes the learner off the board. */
  score: number | null;
}

/** What a board read returns: its top, and the standings asked for. */
export interface BoardView {
  top: BoardEntry[];
  standings: Standing[];
}

/**
 * The fast copy of the boards (Redis sorted sets), derived from the XP ledger and rebuilt from it
 * when lost. Reads return null while the copy is not built, so callers read PostgreSQL instead;
 * they throw when the store is unreachable.
 */
export abstract class LeaderboardStore {
  /** The top `limit` of `board` (limit 0: none), and the standing of each of `userIds` on it. */
  abstract read(board: LeaderboardBoard, limit: number, userIds: readonly number[]): Promise<BoardView | null>;

  /** One learner's standing on each of `boards`, in one round trip. */
  abstract standings(userId: number, boards: readonly LeaderboardBoard[]): Promise<Standing[] | null>;

  /**
   * Sets one learner's scores. A score only ever rises (XP is append-only), so a write computed
   * from older data never undoes a newer one. Returns whether the boards are built.
   */
  abstract write(
    userId: number,
    scores: readonly { board: LeaderboardBoard; score: number | null }[],
  ): Promise<boolean>;

  /** Takes learners who no longer exist off a board. */
  abstract remove(board: LeaderboardBoard, userIds: readonly number[]): Promise<void>;

  abstract isBuilt(): Promise<boolean>;

  /** Starts a rebuild under a lock shared by every process; null when another one holds it. */
  abstract startBuild(): Promise<LeaderboardBuild | null>;
}

/**
 * A rebuild in progress: boards are filled off to the side and swapped in at once, so readers see
 * the old boards or the new ones, never a half-built one.
 */
export interface LeaderboardBuild {
  add(board: LeaderboardBoard, entries: readonly ScoredUser[]): Promise<void>;
  /** Swaps every board given in, empty ones included, marks the boards built and releases the lock. */
  publish(boards: readonly LeaderboardBoard[]): Promise<void>;
  /** Drops what was built and releases the lock. */
  abandon(): Promise<void>;
}
