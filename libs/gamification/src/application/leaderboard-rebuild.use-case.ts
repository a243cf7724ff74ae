import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform/kernel';
import { leaderboardScore, leaderboardWeekOf } from '../domain/leaderboard-score.js';
import { LeaderboardLedger } from './leaderboard-ledger.js';
import { RefreshLeaderboardUseCase } from './leaderboard-refresh.use-case.js';
import { LeaderboardStore, type LeaderboardBoard } from './leaderboard-store.js';

const BATCH_SIZE = 5_000;
/**
 * Awards committed while the boards were copied may be missing from the copy, and their jobs may
 * have written to the boards the swap replaced: learners awarded since the copy began, less this
 * margin for transactions that began earlier and committed later, are refreshed after the swap.
 */
const CATCH_UP_MARGIN_MS = 5 * 60_000;

export interface LeaderboardRebuildReport {
  allTime: number;
  weekly: number;
  week: string;
  caughtUp: number;
}

/** Rebuilds the all-time board and this week's from the PostgreSQL ledger (CLI, or the worker when Redis lost them). */
@Injectable()
export class RebuildLeaderboardsUseCase {
  constructor(
    private readonly ledger: LeaderboardLedger,
    private readonly store: LeaderboardStore,
    private readonly refresh: RefreshLeaderboardUseCase,
    private readonly clock: Clock,
  ) {}

  /** Null when another process is rebuilding. `signal` stops between batches (shutdown). */
  async execute(signal?: AbortSignal): Promise<LeaderboardRebuildReport | null> {
    const build = await this.store.startBuild();
    if (!build) return null;
    const startedAt = this.clock.now();
    const week = leaderboardWeekOf(startedAt);
    const boards: LeaderboardBoard[] = [{ period: 'all' }, { period: 'weekly', week }];
    const counts: number[] = [];
    try {
      for (const board of boards) {
        let count = 0;
        await this.ledger.scan(board, BATCH_SIZE, async (rows) => {
          signal?.throwIfAborted();
          await build.add(
            board,
            rows.map((row) => ({ userId: row.userId, score: leaderboardScore(row.xp, row.reachedAt) })),
          );
          count += rows.length;
        });
        counts.push(count);
      }
      await build.publish(boards);
    } catch (error) {
      await build.abandon();
      throw error;
    }
    const recent = await this.ledger.awardedSince(new Date(startedAt.getTime() - CATCH_UP_MARGIN_MS));
    for (const userId of recent) await this.refresh.execute({ userId, at: this.clock.now() });
    return { allTime: counts[0]!, weekly: counts[1]!, week: week.label, caughtUp: recent.length };
  }
}
