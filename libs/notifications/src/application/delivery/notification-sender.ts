import type { NotificationDraft } from '../../domain/notification.js';

/**
 * The one way any part of the module creates notifications: it records each as a `scheduled` row
 * and queues its delivery once the caller's transaction commits. A draft whose dedupe key exists
 * is skipped, so callers can retry freely.
 */
export abstract class NotificationSender {
  /** The ids of the notifications created now (drafts skipped as duplicates have none). */
  abstract send(drafts: readonly NotificationDraft[]): Promise<number[]>;
}
