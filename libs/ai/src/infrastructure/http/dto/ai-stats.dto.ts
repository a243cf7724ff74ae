import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Omittable } from '@techtrek/platform';

export class AiStatsQueryDto {
  /**
   * Start of the period (inclusive); defaults to 30 days before `to`.
   * @example "2026-11-01T00:00:00Z"
   */
  @Omittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  /**
   * End of the period (exclusive); defaults to now.
   * @example "2026-12-01T00:00:00Z"
   */
  @Omittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class ProviderStatsDto {
  /** @example "openai" */
  provider!: string;
  /** @example 1200 */
  @ApiProperty({ type: 'integer' })
  requests!: number;
  /** @example 300 */
  @ApiProperty({ type: 'integer' })
  cached!: number;
  /** @example 540000 */
  @ApiProperty({ type: 'integer' })
  tokensIn!: number;
  /** @example 96000 */
  @ApiProperty({ type: 'integer' })
  tokensOut!: number;
  /** @example 2.31 */
  costUsd!: number;
  /** @example 950 */
  @ApiProperty({ type: 'integer' })
  latencyP50Ms!: number | null;
  /** @example 2100 */
  @ApiProperty({ type: 'integer' })
  latencyP95Ms!: number | null;
  /** @example 140 */
  @ApiProperty({ type: 'integer' })
  rated!: number;
  /**
   * Share of rated hints rated helpful, 0 to 1; null when none was rated.
   * @example 0.82
   */
  helpfulRate!: number | null;
}

export class TopicProviderStatsDto {
  /** @example "apis" */
  topic!: string;
  /** @example "openai" */
  provider!: string;
  /** @example 400 */
  @ApiProperty({ type: 'integer' })
  requests!: number;
  /** @example 52 */
  @ApiProperty({ type: 'integer' })
  rated!: number;
  /** @example 0.79 */
  helpfulRate!: number | null;
}

export class AiStatsDto {
  /** @example "2026-11-01T00:00:00.000Z" */
  from!: Date;
  /** @example "2026-12-01T00:00:00.000Z" */
  to!: Date;
  /**
   * Every request in the period, cached or not, failed or not.
   * @example 1500
   */
  @ApiProperty({ type: 'integer' })
  requests!: number;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  failed!: number;
  /** @example 2.87 */
  costUsd!: number;
  providers!: ProviderStatsDto[];
  /** Acceptance per topic and provider. */
  topics!: TopicProviderStatsDto[];
}
