import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Clock } from '@techtrek/platform/kernel';
import { describeBadge, type BadgeDescription } from '../domain/badge-catalogue.js';
import { levelProgress, type LevelProgress } from '../domain/level-curve.js';
import { Streak, type StreakView } from '../domain/streak.js';
import { BadgeRepository } from './badge.repository.js';
import { Leaderboards } from './leaderboards.js';
import { StreakRepository } from './streak.repository.js';
import { XpLedger } from './xp-ledger.js';

export interface GamificationProfile {
  xp: number;
  level: number;
  levelProgress: Omit<LevelProgress, 'level'>;
  streak: Pick<StreakView, 'current' | 'longest' | 'freezesLeft'>;
  badges: (Omit<BadgeDescription, 'code'> & { badge: string; awardedAt: Date })[];
  rank: { allTime: number | null; weekly: number | null };
}

/** A learner's own standing: XP, level, the streak as of now in their timezone, badges, ranks. */
@Injectable()
export class GamificationProfileQuery {
  constructor(
    private readonly ledger: XpLedger,
    private readonly streaks: StreakRepository,
    private readonly badges: BadgeRepository,
    private readonly leaderboards: Leaderboards,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  async of(userId: number): Promise<GamificationProfile> {
    const [xp, stored, held, standings, cards] = await Promise.all([
      this.ledger.totalOf(userId),
      this.streaks.find(userId),
      this.badges.heldBy(userId),
      this.leaderboards.standingsOf(userId),
      this.users.findCards([userId]),
    ]);
    const streak = (stored ? Streak.restore(stored) : Streak.empty()).viewAsOf(
      this.clock.now(),
      cards.get(userId)?.timeZone ?? 'UTC',
    );
    const { level, ...progress } = levelProgress(xp);
    return {
      xp,
      level,
      levelProgress: progress,
      streak: { current: streak.current, longest: streak.longest, freezesLeft: streak.freezesLeft },
      badges: held.map(({ badge, awardedAt }) => {
        const { title, description } = describeBadge(badge);
        return { badge, title, description, awardedAt };
      }),
      rank: { allTime: standings.allTime.rank, weekly: standings.weekly.rank },
    };
  }
}
