import { ApiProperty } from '@nestjs/swagger';
import { LimitQueryDto, Omittable } from '@techtrek/platform';
import { IsIn } from 'class-validator';
import { LEADERBOARD_PERIODS, type LeaderboardPeriod } from '../../application/leaderboard-store.js';

/** `limit` learners from the top of the board (1–100, default 20). */
export class LeaderboardQueryDto extends LimitQueryDto {
  /**
   * `all`: all-time XP. `weekly`: XP earned this ISO week (UTC, from Monday 00:00).
   * @example "weekly"
   */
  @Omittable()
  @IsIn(LEADERBOARD_PERIODS)
  // Optional (it has a default): the swagger plugin reads the initialised property as required.
  @ApiProperty({ required: false, enum: LEADERBOARD_PERIODS })
  period: LeaderboardPeriod = 'all';
}
