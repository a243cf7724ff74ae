import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform/kernel';
import { leaderboardScore, leaderboardWeekOf } from '../domain/leaderboard-score.js';
import { LeaderboardLedger } from './leaderboard-ledger.js';
import { LeaderboardStore, WEEKLY_BOARD_KEPT_MS, type LeaderboardBoard } from './leaderboard-store.js';

export interface LeaderboardRefresh {
  userId: number;
  /** When the XP was awarded: picks the weekly board to refresh. */
  at: Date;
}

/**
 * Brings one learner's place on the boards up to date after an XP award. It recomputes the totals
 * from PostgreSQL and writes absolute scores, rather than adding the award: handling an event
 * twice, late or out of order changes nothing, so at-least-once delivery is harmless.
 * Returns whether the boards are built (if not, the caller should have them rebuilt).
 */
@Injectable()
export class RefreshLeaderboardUseCase {
  constructor(
    private readonly ledger: LeaderboardLedger,
    private readonly store: LeaderboardStore,
    private readonly clock: Clock,
  ) {}

  async execute({ userId, at }: LeaderboardRefresh): Promise<boolean> {
    const week = leaderboardWeekOf(at);
    const boards: LeaderboardBoard[] = [{ period: 'all' }];
    // An award older than its board's lifetime must not bring the expired board back.
    if (week.end.getTime() + WEEKLY_BOARD_KEPT_MS > this.clock.now().getTime()) boards.push({ period: 'weekly', week });
    const standings = await this.ledger.standingsOf(userId, boards);
    return this.store.write(
      userId,
      boards.map((board, index) => {
        const { xp, reachedAt } = standings[index]!;
        return { board, score: xp > 0 ? leaderboardScore(xp, reachedAt) : null };
      }),
    );
  }
}
