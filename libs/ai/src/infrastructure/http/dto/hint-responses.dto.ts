import { ApiProperty } from '@nestjs/swagger';
import { HINT_LEVELS, type HintLevel } from '../../../domain/hint-context.js';

const PROVIDERS = ['openai', 'anthropic', 'gemini', 'grounded'];

export class HintDto {
  /**
   * The hint's id: rate it at POST /ai/hint/{id}/feedback.
   * @example 42
   */
  @ApiProperty({ type: 'integer' })
  id!: number;

  /** @example "Think about who carries your order between you and the kitchen." */
  hint!: string;

  /** @example 1 */
  @ApiProperty({ enum: HINT_LEVELS, type: 'integer' })
  level!: HintLevel;

  /**
   * Who wrote it: a model provider, or `grounded` (built from the lesson itself, offline).
   * @example "openai"
   */
  @ApiProperty({ enum: PROVIDERS })
  provider!: string;

  /** @example "gpt-4o" */
  model!: string;

  /**
   * True when the same hint was written before and came from the cache (no provider call).
   * @example false
   */
  cached!: boolean;

  /**
   * Hints the learner has left today (UTC).
   * @example 29
   */
  @ApiProperty({ type: 'integer' })
  remainingToday!: number;
}

export class HintJobDto {
  /**
   * Poll GET /ai/hint/{jobId}: 202 while the hint is written, then 200 with it.
   * @example 42
   */
  @ApiProperty({ type: 'integer' })
  jobId!: number;

  /** @example "pending" */
  @ApiProperty({ enum: ['pending'] })
  status!: 'pending';

  /** @example 29 */
  @ApiProperty({ type: 'integer' })
  remainingToday!: number;
}
