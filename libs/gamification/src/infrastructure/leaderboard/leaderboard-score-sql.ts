import { LEADERBOARD_EPOCH, LEADERBOARD_TIE_SLOTS, MAX_LEADERBOARD_XP } from '../../domain/leaderboard-score.js';

const EPOCH_MINUTE = LEADERBOARD_EPOCH.getTime() / 60_000;
const LAST_SLOT = LEADERBOARD_TIE_SLOTS - 1;

/**
 * `leaderboardScore(xp, reachedAt)` in SQL, for the reads that answer from PostgreSQL while Redis
 * is unavailable: the same integer, so both order learners the same. EXTRACT returns numeric
 * (exact), and flooring microseconds to minutes equals flooring the milliseconds JavaScript sees.
 */
export function leaderboardScoreSql(xp: string, reachedAt: string): string {
  const minute = `(floor(EXTRACT(EPOCH FROM ${reachedAt}) / 60)::bigint - ${EPOCH_MINUTE})`;
  return `(LEAST(GREATEST(${xp}, 0), ${MAX_LEADERBOARD_XP})::bigint * ${LEADERBOARD_TIE_SLOTS}
    + COALESCE(${LAST_SLOT} - LEAST(GREATEST(${minute}, 0), ${LAST_SLOT}), 0))`;
}

/** The order of a board: score, then member string (the user id in decimal), both descending, as Redis's ZREVRANGE. */
export const LEADERBOARD_ORDER = `score DESC, user_id::text COLLATE "C" DESC`;
