import { IsString, Length } from 'class-validator';
import { NOTIFICATION_BODY_MAX_LENGTH, NOTIFICATION_TITLE_MAX_LENGTH } from '../../domain/notification.js';

/** What a learner reads: the same limits wherever a notification's text comes from a request. */
export class NotificationContentDto {
  /** @example "Review HTTP caching" */
  @IsString()
  @Length(1, NOTIFICATION_TITLE_MAX_LENGTH)
  title!: string;

  /** @example "Ten minutes on ETags before the interview." */
  @IsString()
  @Length(1, NOTIFICATION_BODY_MAX_LENGTH)
  body!: string;
}
