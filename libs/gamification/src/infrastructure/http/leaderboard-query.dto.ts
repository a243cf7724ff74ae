import { wholeNumber } from '@techtrek/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LEADERBOARD_PERIODS, type LeaderboardPeriod } from '../../application/leaderboard-store.js';

export class LeaderboardQueryDto {
  /**
   * `all`: all-time XP. `weekly`: XP earned this ISO week (UTC, from Monday 00:00).
   * @example "weekly"
   */
  @IsOptional()
  @IsIn(LEADERBOARD_PERIODS)
  period: LeaderboardPeriod = 'all';

  /**
   * How many learners from the top, 1–100.
   * @example 20
   */
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
