/** What a notification is for: the feed shows it, and delivery and preferences treat kinds apart. */
export const NOTIFICATION_KINDS = ['daily_reminder', 'milestone', 'personal_reminder', 'broadcast'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notification's delivery, in order: `scheduled` (waiting for its time), `sending` (handed to
 * the push provider), then `sent`, `failed` (permanent error or retries spent) or `cancelled`
 * (by its owner, or by the system when it no longer applies).
 */
export const NOTIFICATION_STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Limits that keep a notification within what push services and lock screens show. */
export const NOTIFICATION_TITLE_MAX_LENGTH = 100;
export const NOTIFICATION_BODY_MAX_LENGTH = 500;

/** A notification to create. */
export interface NotificationDraft {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Delivered with the push (string values: FCM accepts nothing else); e.g. `{ badge: 'first_lesson' }`. */
  data?: Readonly<Record<string, string>>;
  /** When to deliver; at once when absent. */
  deliverAt?: Date;
  /** Creating a draft with the same key again makes no second notification (retried jobs, relayed events). */
  dedupeKey?: string;
  /** The admin broadcast it belongs to. */
  broadcastId?: number;
}
