import { ApiProperty } from '@nestjs/swagger';
export class LeaderboardEntryDto {
  /**
   * 1 for the most XP; equal XP ranks whoever reached it first higher.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  rank!: number;
  /** @example 42 */
  @ApiProperty({ type: 'integer' })
  userId!: number;
  /** @example "ada" */
  username!: string;
  /**
   * XP on this board: all-time, or earned this week.
   * @example 1250
   */
  @ApiProperty({ type: 'integer' })
  xp!: number;
}

export class LeaderboardStandingDto {
  /**
   * Your rank on this board; null while you have no XP on it.
   * @example 17
   */
  @ApiProperty({ type: 'integer' })
  rank!: number | null;
  /** @example 340 */
  @ApiProperty({ type: 'integer' })
  xp!: number;
}

export class LeaderboardDto {
  /** The top of the board, best first. Only usernames, XP and ranks of other learners are shown. */
  top!: LeaderboardEntryDto[];
  me!: LeaderboardStandingDto;
}
