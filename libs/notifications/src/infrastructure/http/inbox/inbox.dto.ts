import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from '../../../domain/notification.js';
import { NotificationContentDto } from '../notification-content.dto.js';

/** An instant with its offset: a time without one would mean a different moment on every device. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T18:30:00+01:00';

export class SchedulePersonalReminderRequestDto extends NotificationContentDto {
  /**
   * When to deliver it: from now (a minute of clock skew allowed) to a year ahead, with an offset.
   * @example "2026-12-01T18:30:00+01:00"
   */
  @IsString()
  @Matches(INSTANT, { message: `scheduledTime ${INSTANT_MESSAGE}` })
  // Strict ISO 8601 also refuses dates that do not exist (02-30, 25:00) that the pattern lets by.
  @IsISO8601({ strict: true, strictSeparator: true }, { message: `scheduledTime ${INSTANT_MESSAGE}` })
  scheduledTime!: string;
}

export class NotificationDto {
  /** @example 4211 */
  @ApiProperty({ type: 'integer' })
  id!: number;

  /** @example "personal_reminder" */
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'personal_reminder' })
  type!: NotificationKind;

  /** @example "Review HTTP caching" */
  title!: string;

  /** @example "Ten minutes on ETags before the interview." */
  body!: string;

  /** What the app needs to open the right screen, e.g. `{"badge": "first_lesson"}`. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: {} })
  data!: Record<string, string>;

  /**
   * `scheduled` (waiting for its time), `sending`, `sent`, or `failed` (could not be delivered).
   * Cancelled notifications are not listed.
   * @example "sent"
   */
  @ApiProperty({ enum: NOTIFICATION_STATUSES, example: 'sent' })
  status!: NotificationStatus;

  /**
   * When it is (or was) due; the list is ordered by it, newest first.
   * @example "2026-12-01T17:30:00.000Z"
   */
  scheduledTime!: Date;

  /**
   * When the push service accepted it; null until then.
   * @example "2026-12-01T17:30:01.204Z"
   */
  sentAt!: Date | null;

  /**
   * When you first marked it read; null while unread.
   * @example "2026-12-01T18:02:40.000Z"
   */
  readAt!: Date | null;

  /** @example "2026-11-30T09:12:44.000Z" */
  createdAt!: Date;
}

export class NotificationFeedDto {
  items!: NotificationDto[];

  /**
   * Pass as `cursor` for the next (older) page; null on the last page.
   * @example "WzE3NjQ2MTI4MDAwMDAwMDAsNDJd"
   */
  nextCursor!: string | null;

  /**
   * Delivered notifications you have not marked read (all of them, not only this page).
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  unreadCount!: number;
}
