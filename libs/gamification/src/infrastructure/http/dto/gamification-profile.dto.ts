import { ApiProperty } from '@nestjs/swagger';
export class LevelProgressDto {
  /**
   * XP earned since this level was reached.
   * @example 40
   */
  @ApiProperty({ type: 'integer' })
  xpIntoLevel!: number;
  /**
   * The XP this level spans (the progress bar's width): level n spans 100·n.
   * @example 300
   */
  @ApiProperty({ type: 'integer' })
  xpForNextLevel!: number;
}

export class ProfileStreakDto {
  /**
   * Consecutive local days with a passed lesson, as of now in the learner's timezone; 0 once broken.
   * @example 12
   */
  @ApiProperty({ type: 'integer' })
  current!: number;
  /** @example 30 */
  @ApiProperty({ type: 'integer' })
  longest!: number;
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  freezesLeft!: number;
}

export class HeldBadgeDto {
  /** @example "streak_7" */
  badge!: string;
  /** @example "Week warrior" */
  title!: string;
  /** @example "Learned 7 days in a row" */
  description!: string;
  /** @example "2026-11-21T07:02:11.000Z" */
  awardedAt!: Date;
}

export class ProfileRankDto {
  /**
   * 1 is first; null while the learner has no XP on that board.
   * @example 1204
   */
  @ApiProperty({ type: 'integer' })
  allTime!: number | null;
  /** @example 87 */
  @ApiProperty({ type: 'integer' })
  weekly!: number | null;
}

export class GamificationProfileDto {
  /** @example 340 */
  @ApiProperty({ type: 'integer' })
  xp!: number;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  level!: number;
  levelProgress!: LevelProgressDto;
  streak!: ProfileStreakDto;
  /** Oldest first. */
  badges!: HeldBadgeDto[];
  rank!: ProfileRankDto;
}
