import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';

/** Badges, XP and leaderboards (their issue); today: the badges in a user's data export. */
@Module({
  providers: [
    sqlPersonalDataSection(
      'badges',
      `SELECT badge, awarded_at AS "awardedAt" FROM gamification WHERE user_id = $1 ORDER BY awarded_at`,
    ),
  ],
})
export class GamificationModule {}
