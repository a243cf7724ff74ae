import { Module } from '@nestjs/common';
import { ACCOUNT_DELETED_EVENT, AccountsModule } from '@techtrek/auth';
import { jobHandler, outboxRoute } from '@techtrek/platform';
import { RebuildLeaderboardsUseCase } from './application/leaderboard-rebuild.use-case.js';
import { RefreshLeaderboardUseCase } from './application/leaderboard-refresh.use-case.js';
import { LeaderboardLedger } from './application/leaderboard-ledger.js';
import { LeaderboardStore } from './application/leaderboard-store.js';
import { Leaderboards } from './application/leaderboards.js';
import { GAMIFICATION_EVENT_TYPES } from './domain/gamification.events.js';
import { LeaderboardController } from './infrastructure/http/leaderboard.controller.js';
import { RedisLeaderboardStore } from './infrastructure/leaderboard/redis-leaderboard-store.js';
import { SqlLeaderboardLedger } from './infrastructure/leaderboard/sql-leaderboard-ledger.js';
import { LeaderboardRebuildScheduler } from './infrastructure/queue/leaderboard-rebuild.scheduler.js';
import {
  LeaderboardRefreshJobHandler,
  REFRESH_USER_JOB,
} from './infrastructure/queue/leaderboard-refresh.job-handler.js';

/**
 * The all-time and weekly leaderboards (issue #5): Redis sorted sets derived from the XP ledger,
 * moved by `gamification.xp_awarded` outbox events. Import it wherever `Leaderboards` is read; it
 * also declares the event's route, which both apps need.
 */
@Module({
  imports: [AccountsModule],
  providers: [
    Leaderboards,
    RefreshLeaderboardUseCase,
    RebuildLeaderboardsUseCase,
    { provide: LeaderboardStore, useClass: RedisLeaderboardStore },
    { provide: LeaderboardLedger, useClass: SqlLeaderboardLedger },
    outboxRoute(GAMIFICATION_EVENT_TYPES.xpAwarded, REFRESH_USER_JOB),
    // An erased account has no ledger left: the same recomputation takes it off the boards.
    outboxRoute(ACCOUNT_DELETED_EVENT, REFRESH_USER_JOB),
  ],
  exports: [Leaderboards, RefreshLeaderboardUseCase, RebuildLeaderboardsUseCase, LeaderboardStore],
})
export class LeaderboardModule {}

/** For the API: GET /gamification/leaderboard. */
@Module({ imports: [LeaderboardModule], controllers: [LeaderboardController] })
export class LeaderboardHttpModule {}

/** For the worker: refreshes a learner's place after each award, and rebuilds lost boards. */
@Module({
  imports: [LeaderboardModule],
  providers: [...jobHandler(REFRESH_USER_JOB, LeaderboardRefreshJobHandler), LeaderboardRebuildScheduler],
})
export class LeaderboardWorkerModule {}
