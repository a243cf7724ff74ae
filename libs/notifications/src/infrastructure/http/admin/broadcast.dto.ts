import { ApiProperty } from '@nestjs/swagger';
import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import {
  BROADCAST_STATUSES,
  type BroadcastAudience,
  type BroadcastStatus,
} from '../../../domain/broadcasts/broadcast.js';
import { NotificationContentDto } from '../notification-content.dto.js';

const AUDIENCE_SCHEMA = {
  oneOf: [
    { type: 'string', enum: ['all'] },
    {
      type: 'object',
      properties: { topic: { type: 'string', minLength: 1, maxLength: 100, example: 'apis' } },
      required: ['topic'],
      additionalProperties: false,
    },
  ],
  example: { topic: 'apis' },
};

/** `"all"`, or exactly `{topic: "<slug>"}`: a nested object is checked here, key by key. */
@ValidatorConstraint({ name: 'broadcastAudience' })
class IsBroadcastAudience implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === 'all') return true;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    const topic = (value as { topic?: unknown }).topic;
    return keys.length === 1 && typeof topic === 'string' && topic.length >= 1 && topic.length <= 100;
  }

  defaultMessage(): string {
    return 'audience must be "all" or {"topic": "<topic>"}';
  }
}

export class StartBroadcastRequestDto extends NotificationContentDto {
  /** Every learner (`"all"`), or the learners with progress in one topic's lessons. */
  @ApiProperty(AUDIENCE_SCHEMA)
  @Validate(IsBroadcastAudience)
  audience!: BroadcastAudience;
}

export class BroadcastDeliveryDto {
  /** @example 120 */
  @ApiProperty({ type: 'integer' })
  scheduled!: number;
  /** @example 0 */
  @ApiProperty({ type: 'integer' })
  sending!: number;
  /** @example 9850 */
  @ApiProperty({ type: 'integer' })
  sent!: number;
  /** @example 30 */
  @ApiProperty({ type: 'integer' })
  failed!: number;
  /** @example 0 */
  @ApiProperty({ type: 'integer' })
  cancelled!: number;
}

export class BroadcastDto {
  /** @example 7 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "New topic: API design" */
  title!: string;
  /** @example "Twelve short lessons on REST, from resources to pagination." */
  body!: string;

  @ApiProperty(AUDIENCE_SCHEMA)
  audience!: BroadcastAudience;

  /**
   * `fanning_out` while notifications are being created, `fanned_out` once every recipient has one.
   * @example "fanned_out"
   */
  @ApiProperty({ enum: BROADCAST_STATUSES, example: 'fanned_out' })
  status!: BroadcastStatus;

  /**
   * Notifications created so far (one per recipient).
   * @example 10000
   */
  @ApiProperty({ type: 'integer' })
  recipients!: number;

  /** @example "2026-12-01T09:00:00.000Z" */
  createdAt!: Date;

  /**
   * When the last recipient got their notification; null while fanning out.
   * @example "2026-12-01T09:00:04.512Z"
   */
  fannedOutAt!: Date | null;

  /** Its notifications by delivery status. */
  delivery!: BroadcastDeliveryDto;
}
