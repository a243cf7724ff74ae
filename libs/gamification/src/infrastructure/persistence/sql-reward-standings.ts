import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { HeldBadge } from '../../application/badge.repository.js';
import { RewardStandings, type RewardStanding } from '../../application/reward-standings.js';
import type { StreakState } from '../../domain/streak.js';
import type { XpLedgerEntry } from '../../domain/xp-policy.js';
import { APPEND_XP_CTES, appendParameters, appendResultOf, type AppendedRow } from './sql-xp-ledger.js';

/*
 * SqlXpLedger's append, then the streak and the held badges, which the append does not touch, in
 * the same statement.
 */
const APPEND_AND_READ = `${APPEND_XP_CTES}
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
    const [row] = await this.transactions.prepared<StandingRow>(
      'gamification.append-xp-and-read',
      APPEND_AND_READ,
      appendParameters(userId, entries),
    );
    return {
      xp: appendResultOf(row!.appended, row!.totalXp ?? 0),
      streak: row!.streak ?? undefined,
      held: row!.held.map(({ badge, awardedAt }) => ({ badge, awardedAt: new Date(awardedAt) })),
    };
  }
}
