/*
 * How a learner's standing becomes one sorted-set score, so Redis orders a board by XP and, among
 * equal XP, puts first whoever got there first, with no second lookup:
 *
 *   score = xp × 10^7 + (10^7 − 1 − minutes from LEADERBOARD_EPOCH to reachedAt)
 *
 * Both parts are integers and the score stays below 2^53, so it is an exact double (Redis stores
 * doubles) and XP reads back exactly. Bounds:
 * - xp from 0 to MAX_LEADERBOARD_XP (900 719 924); higher is clamped;
 * - reachedAt at minute resolution, between the epoch (2025-01-01T00:00Z) and 10^7 minutes later
 *   (2044-01-05); earlier counts as the epoch, later as the last minute. Unknown (null) ranks after
 *   everyone with the same XP.
 * Learners with the same XP in the same minute have equal scores; a board orders them by their
 * member string, in reverse (what Redis's ZREVRANGE does), and the SQL fallback does the same.
 */

const MINUTE_MS = 60_000;
/** Minute slots of the tie-break part: 10^7 minutes ≈ 19 years. */
export const LEADERBOARD_TIE_SLOTS = 10_000_000;
export const LEADERBOARD_EPOCH = new Date('2025-01-01T00:00:00.000Z');
export const MAX_LEADERBOARD_XP = Math.floor(
  (Number.MAX_SAFE_INTEGER - (LEADERBOARD_TIE_SLOTS - 1)) / LEADERBOARD_TIE_SLOTS,
);

/** Minutes from the epoch to `at`, within the encodable range. */
export function leaderboardMinute(at: Date): number {
  const minutes = Math.floor((at.getTime() - LEADERBOARD_EPOCH.getTime()) / MINUTE_MS);
  return Math.min(LEADERBOARD_TIE_SLOTS - 1, Math.max(0, minutes));
}

export function leaderboardScore(xp: number, reachedAt: Date | null): number {
  const points = Math.min(MAX_LEADERBOARD_XP, Math.max(0, Math.floor(xp)));
  const earliness = reachedAt === null ? 0 : LEADERBOARD_TIE_SLOTS - 1 - leaderboardMinute(reachedAt);
  return points * LEADERBOARD_TIE_SLOTS + earliness;
}

/** The XP a score encodes (exact: `%` and the division of an exact multiple lose nothing). */
export function xpOfLeaderboardScore(score: number): number {
  return (score - (score % LEADERBOARD_TIE_SLOTS)) / LEADERBOARD_TIE_SLOTS;
}

/** An ISO 8601 week in UTC: Monday 00:00 to the next Monday 00:00. */
export interface LeaderboardWeek {
  /** `2026-W48`: the ISO week-numbering year, which differs from the calendar year around New Year. */
  label: string;
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

export function leaderboardWeekOf(at: Date): LeaderboardWeek {
  const day = Math.floor(at.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: shift so that Monday is 0.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const monday = day - weekday;
  // The ISO year is the year of the week's Thursday; week 1 is the one holding 4 January.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - Math.floor(Date.UTC(year, 0, 1) / DAY_MS)) / 7) + 1;
  return {
    label: `${year}-W${String(week).padStart(2, '0')}`,
    start: new Date(monday * DAY_MS),
    end: new Date((monday + 7) * DAY_MS),
  };
}
