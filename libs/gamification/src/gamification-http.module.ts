import { Module } from '@nestjs/common';
import { GamificationModule } from './gamification.module.js';
import { GamificationController } from './infrastructure/http/gamification.controller.js';
import { LeaderboardHttpModule } from './leaderboard.module.js';

/** `/gamification` and `/gamification/leaderboard` for the API app. */
@Module({
  imports: [GamificationModule, LeaderboardHttpModule],
  controllers: [GamificationController],
})
export class GamificationHttpModule {}
