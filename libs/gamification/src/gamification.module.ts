import { Module } from '@nestjs/common';
import { AccountsModule, sqlPersonalDataSection } from '@techtrek/auth';
import { outboxEvents } from '@techtrek/platform';
import { AttemptRewards } from './application/attempt-rewards.js';
import { BadgeRepository } from './application/badge.repository.js';
import { GamificationEvents } from './application/gamification-events.js';
import { GamificationProfileQuery } from './application/gamification-profile.query.js';
import { GAMIFICATION_EVENT_TYPES } from './domain/gamification.events.js';
import { RewardStandings } from './application/reward-standings.js';
import { StreakRepository } from './application/streak.repository.js';
import { XpLedger } from './application/xp-ledger.js';
import { SqlBadgeRepository } from './infrastructure/persistence/sql-badge.repository.js';
import { SqlRewardStandings } from './infrastructure/persistence/sql-reward-standings.js';
import { SqlStreakRepository } from './infrastructure/persistence/sql-streak.repository.js';
import { SqlXpLedger } from './infrastructure/persistence/sql-xp-ledger.js';
import { LeaderboardModule } from './leaderboard.module.js';

/**
 * XP, levels, streaks and badges. Progress pays attempts through `AttemptRewards` in its own
 * transaction (ADR 0005); gamification never reads progress. No routes (see `GamificationHttpModule`).
 */
@Module({
  imports: [AccountsModule, LeaderboardModule],
  providers: [
    AttemptRewards,
    GamificationEvents,
    GamificationProfileQuery,
    // Published for the notifications module's milestone alerts; xp_awarded is routed by LeaderboardModule.
    outboxEvents(...Object.values(GAMIFICATION_EVENT_TYPES)),
    { provide: XpLedger, useClass: SqlXpLedger },
    { provide: StreakRepository, useClass: SqlStreakRepository },
    { provide: BadgeRepository, useClass: SqlBadgeRepository },
    { provide: RewardStandings, useClass: SqlRewardStandings },
    sqlPersonalDataSection(
      'badges',
      `SELECT badge, awarded_at AS "awardedAt" FROM gamification WHERE user_id = $1 ORDER BY awarded_at`,
    ),
    sqlPersonalDataSection(
      'xpHistory',
      `SELECT reason, amount, source_type AS "sourceType", source_id AS "sourceId", created_at AS "createdAt"
       FROM xp_ledger WHERE user_id = $1 ORDER BY entry_id`,
    ),
    sqlPersonalDataSection(
      'streak',
      `SELECT current_days AS "current", longest_days AS "longest", freezes_left AS "freezesLeft",
              last_pass_at AS "lastPassAt", state
       FROM streaks WHERE user_id = $1`,
    ),
  ],
  exports: [AttemptRewards, GamificationProfileQuery],
})
export class GamificationModule {}
