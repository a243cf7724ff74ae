import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { HeldBadge } from '../../application/badge.repository.js';
import { RewardStandings, type RewardStanding } from '../../application/reward-standings.js';
import type { StreakState } from '../../domain/streak.js';
import type { XpLedgerEntry } from '../../domain/xp-policy.js';
import { toAppendedEntry, type AppendedRow } from './sql-xp-ledger.js';

/*
 * SqlXpLedger's append (users.xp_points moves by exactly what was appended; no entries, no write),
 * then the streak and the held badges, which the append does not touch, in the same statement.
 */
const APPEND_AND_READ = `
  WITH appended AS (
    INSERT INTO xp_ledger (user_id, reason, amount, source_type, source_id)
    SELECT $1, entry.reason, entry.amount, entry.source_type, entry.source_id
    FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS entry(reason, amount, source_type, source_id)
    ON CONFLICT (user_id, source_type, source_id) DO NOTHING
    RETURNING entry_id, reason, amount, source_type, source_id, created_at
  ), total AS (
    UPDATE users SET xp_points = xp_points + (SELECT coalesce(sum(amount), 0) FROM appended)
    WHERE user_id = $1 AND cardinality($2::text[]) > 0
    RETURNING xp_points
  )
  SELECT coalesce((SELECT xp_points FROM total), (SELECT xp_points FROM users WHERE user_id = $1)) AS "totalXp",
         coalesce((SELECT json_agg(appended ORDER BY entry_id) FROM appended), '[]') AS appended,
         (SELECT state FROM streaks WHERE user_id = $1) AS streak,
         coalesce((SELECT json_agg(json_build_object('badge', badge, 'awardedAt', awarded_at) ORDER BY awarded_at, record_id)
                   FROM gamification WHERE user_id = $1), '[]') AS held`;

interface StandingRow {
  totalXp: number | null;
  appended: AppendedRow[];
  streak: StreakState | null;
  held: { badge: HeldBadge['badge']; awardedAt: string }[];
}

@Injectable()
export class SqlRewardStandings extends RewardStandings {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async appendXpAndRead(userId: number, entries: readonly XpLedgerEntry[]): Promise<RewardStanding> {
    const [row] = await this.transactions.prepared<StandingRow>('gamification.append-xp-and-read', APPEND_AND_READ, [
      userId,
      entries.map((entry) => entry.reason),
      entries.map((entry) => entry.amount),
      entries.map((entry) => entry.sourceType),
      entries.map((entry) => entry.sourceId),
    ]);
    const appended = row!.appended.map(toAppendedEntry);
    const totalXp = row!.totalXp ?? 0;
    const paid = appended.reduce((sum, entry) => sum + entry.amount, 0);
    return {
      xp: { appended, previousXp: totalXp - paid, totalXp },
      streak: row!.streak ?? undefined,
      held: row!.held.map(({ badge, awardedAt }) => ({ badge, awardedAt: new Date(awardedAt) })),
    };
  }
}
