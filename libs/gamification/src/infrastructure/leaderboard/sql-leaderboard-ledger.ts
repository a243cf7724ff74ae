import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { LeaderboardLedger, type LedgerRow, type LedgerStanding } from '../../application/leaderboard-ledger.js';
import type { BoardEntry, LeaderboardBoard, Standing } from '../../application/leaderboard-store.js';
import { leaderboardScoreSql, LEADERBOARD_ORDER } from './leaderboard-score-sql.js';

/** Weekly totals: the week's ledger entries, summed per learner (index on created_at, user_id). */
const WEEK_SCORES = `
  SELECT user_id, xp, ${leaderboardScoreSql('xp', 'reached')} AS score
  FROM (SELECT user_id, sum(amount)::int AS xp, max(created_at) AS reached
        FROM xp_ledger WHERE created_at >= $1 AND created_at < $2 GROUP BY user_id) AS week`;

/** The latest entry of one learner: when they reached their all-time total. */
const REACHED = `(SELECT max(l.created_at) FROM xp_ledger l WHERE l.user_id = u.user_id)`;

/**
 * The all-time board is `users.xp_points` (kept equal to the ledger's sum by gamification's
 * ledger writes); the weekly one, the week's entries. Only gamification's infrastructure reads
 * these columns; usernames come from auth's UserDirectory.
 */
@Injectable()
export class SqlLeaderboardLedger extends LeaderboardLedger {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async standingsOf(userId: number, boards: readonly LeaderboardBoard[]): Promise<LedgerStanding[]> {
    return Promise.all(
      boards.map(async (board) => {
        const [row] = (await (board.period === 'all'
          ? this.query(`SELECT u.xp_points AS xp, ${REACHED} AS "reachedAt" FROM users u WHERE u.user_id = $1`, [
              userId,
            ])
          : this.query(
              `SELECT COALESCE(sum(amount), 0)::int AS xp, max(created_at) AS "reachedAt" FROM xp_ledger
               WHERE user_id = $1 AND created_at >= $2 AND created_at < $3`,
              [userId, board.week.start, board.week.end],
            ))) as LedgerStanding[];
        return row ?? { xp: 0, reachedAt: null };
      }),
    );
  }

  async top(board: LeaderboardBoard, limit: number): Promise<BoardEntry[]> {
    if (board.period === 'weekly') {
      return (await this.query(
        `SELECT user_id AS "userId", xp FROM (${WEEK_SCORES}) AS scored ORDER BY ${LEADERBOARD_ORDER} LIMIT $3`,
        [board.week.start, board.week.end, limit],
      )) as BoardEntry[];
    }
    // Only learners with at least the limit-th highest XP can be in the top (the XP index finds it).
    return (await this.query(
      `SELECT user_id AS "userId", xp FROM (
         SELECT u.user_id, u.xp_points AS xp, ${leaderboardScoreSql('u.xp_points', REACHED)} AS score
         FROM users u
         WHERE u.xp_points >= GREATEST(1, COALESCE(
           (SELECT xp_points FROM users ORDER BY xp_points DESC LIMIT 1 OFFSET $1 - 1), 1))
       ) AS scored
       ORDER BY ${LEADERBOARD_ORDER} LIMIT $1`,
      [limit],
    )) as BoardEntry[];
  }

  async standingOf(userId: number, board: LeaderboardBoard): Promise<Standing> {
    const [row] = (await (board.period === 'weekly'
      ? this.query(
          `WITH scored AS (${WEEK_SCORES})
           SELECT 1 + (SELECT count(*) FROM scored o WHERE ${ahead('o', 'me')})::int AS rank, me.xp
           FROM scored me WHERE me.user_id = $3`,
          [board.week.start, board.week.end, userId],
        )
      : this.query(
          `WITH me AS (
             SELECT u.user_id, u.xp_points AS xp, ${leaderboardScoreSql('u.xp_points', REACHED)} AS score
             FROM users u WHERE u.user_id = $1 AND u.xp_points > 0)
           SELECT (1
             + (SELECT count(*) FROM users u WHERE u.xp_points > me.xp)
             + (SELECT count(*) FROM (
                  SELECT u.user_id, ${leaderboardScoreSql('u.xp_points', REACHED)} AS score
                  FROM users u WHERE u.xp_points = me.xp AND u.user_id <> me.user_id) o
                WHERE ${ahead('o', 'me')}))::int AS rank, me.xp
           FROM me`,
          [userId],
        ))) as Standing[];
    return row ?? { rank: null, xp: 0 };
  }

  async scan(board: LeaderboardBoard, batchSize: number, each: (rows: LedgerRow[]) => Promise<void>): Promise<void> {
    const [sql, parameters] =
      board.period === 'weekly'
        ? [
            `SELECT user_id AS "userId", sum(amount)::int AS xp, max(created_at) AS "reachedAt" FROM xp_ledger
             WHERE created_at >= $1 AND created_at < $2 GROUP BY user_id`,
            [board.week.start, board.week.end],
          ]
        : [
            `SELECT u.user_id AS "userId", u.xp_points AS xp, l.reached AS "reachedAt"
             FROM users u
             LEFT JOIN (SELECT user_id, max(created_at) AS reached FROM xp_ledger GROUP BY user_id) l USING (user_id)
             WHERE u.xp_points > 0`,
            [],
          ];
    // One cursor in one transaction: the whole board comes from one snapshot, a batch at a time.
    await this.transactions.run(async () => {
      await this.query(`DECLARE leaderboard_scan NO SCROLL CURSOR FOR ${sql}`, parameters);
      for (;;) {
        const rows = (await this.query(`FETCH ${Math.trunc(batchSize)} FROM leaderboard_scan`)) as LedgerRow[];
        if (rows.length === 0) return;
        await each(rows);
      }
    });
  }

  async awardedSince(since: Date): Promise<number[]> {
    const rows = (await this.query(`SELECT DISTINCT user_id AS "userId" FROM xp_ledger WHERE created_at >= $1`, [
      since,
    ])) as { userId: number }[];
    return rows.map((row) => row.userId);
  }

  private query(sql: string, parameters: unknown[] = []): Promise<unknown[]> {
    return this.transactions.manager.query(sql, parameters) as Promise<unknown[]>;
  }
}

/** Whether `other` ranks above `me`: a higher score, or the same score and a greater member string. */
function ahead(other: string, me: string): string {
  return `(${other}.score > ${me}.score OR (${other}.score = ${me}.score
    AND ${other}.user_id::text COLLATE "C" > ${me}.user_id::text COLLATE "C"))`;
}
