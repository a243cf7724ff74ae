export { GamificationModule } from './gamification.module.js';
export { GamificationHttpModule } from './gamification-http.module.js';
export {
  AttemptRewards,
  type AttemptReward,
  type AttemptRewardRequest,
  type AwardedBadge,
} from './application/attempt-rewards.js';
export { LeaderboardHttpModule, LeaderboardModule, LeaderboardWorkerModule } from './leaderboard.module.js';
export { Leaderboards, type LeaderboardPage, type LeaderboardRow } from './application/leaderboards.js';
export type { LeaderboardPeriod, Standing } from './application/leaderboard-store.js';
export {
  RebuildLeaderboardsUseCase,
  type LeaderboardRebuildReport,
} from './application/leaderboard-rebuild.use-case.js';
export { StreakStatusQuery, type StreakStatus } from './application/streak-status.query.js';
export { StreakStatusModule } from './streak-status.module.js';
export {
  GAMIFICATION_EVENT_TYPES,
  type BadgeAwardedEvent,
  type LevelReachedEvent,
  type PracticeDayCountedEvent,
  type StreakMilestoneReachedEvent,
} from './domain/gamification.events.js';
export { describeBadge, isBadgeCode } from './domain/badge-catalogue.js';
