import { Injectable } from '@nestjs/common';
import { JobHandler, type JobRoute } from '@techtrek/platform';
import { RefreshLeaderboardUseCase } from '../../application/leaderboard-refresh.use-case.js';
import type { XpAwardedEvent } from '../../domain/gamification.events.js';
import { LeaderboardRebuildScheduler } from './leaderboard-rebuild.scheduler.js';

/** Where `gamification.xp_awarded` events go (declared with `outboxRoute()` in LeaderboardModule). */
export const REFRESH_USER_JOB: JobRoute = { queue: 'leaderboards', job: 'leaderboard.refresh-user' };

/** The event as stored in the outbox (only what the refresh needs). */
type XpAwardedPayload = Pick<XpAwardedEvent, 'userId' | 'at'>;

/** Moves the learner on the boards after an XP award; asks for a rebuild if Redis lost the boards. */
@Injectable()
export class LeaderboardRefreshJobHandler extends JobHandler<XpAwardedPayload> {
  constructor(
    private readonly refresh: RefreshLeaderboardUseCase,
    private readonly rebuilds: LeaderboardRebuildScheduler,
  ) {
    super();
  }

  async handle(payload: XpAwardedPayload): Promise<void> {
    const at = new Date(payload.at ?? Number.NaN);
    if (!Number.isInteger(payload.userId) || Number.isNaN(at.getTime())) {
      throw new Error(`Malformed XP award: ${JSON.stringify(payload)}`);
    }
    const built = await this.refresh.execute({ userId: payload.userId, at });
    if (!built) this.rebuilds.requestCheck();
  }
}
