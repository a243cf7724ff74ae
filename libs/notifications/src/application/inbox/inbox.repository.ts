import type { NotificationKind, NotificationStatus } from '../../domain/notification.js';

/** A notification as its owner sees it. */
export interface InboxItem {
  id: number;
  type: NotificationKind;
  title: string;
  body: string;
  data: Record<string, string>;
  status: NotificationStatus;
  scheduledTime: Date;
  sentAt: Date | null;
  readAt: Date | null;
  createdAt: Date;
}

/** Where a feed page starts: after this (scheduled time in microseconds, id), newest first. */
export interface FeedKey {
  scheduledMicros: number;
  id: number;
}

export interface FeedRow extends InboxItem {
  key: FeedKey;
}

/**
 * One learner's notifications. Every method takes the owner, and a row of someone else's is
 * treated as absent. Cancelled notifications are not in the feed (nobody was or will be notified).
 */
export abstract class InboxRepository {
  /** Newest first (scheduled time, then id), after `after`, at most `limit` rows. */
  abstract feed(userId: number, after: FeedKey | undefined, limit: number): Promise<FeedRow[]>;
  /** Delivered and not yet read. */
  abstract unreadCount(userId: number): Promise<number>;
  abstract find(userId: number, id: number): Promise<InboxItem | undefined>;
  /** Sets `read_at` unless already set (the first read stands); undefined when not the owner's. */
  abstract markRead(userId: number, id: number, at: Date): Promise<InboxItem | undefined>;
  /**
   * Cancels it if still `scheduled`. The status it has afterwards (`cancelled`, or the one that
   * prevented it), or undefined when it is not the owner's.
   */
  abstract cancel(userId: number, id: number): Promise<NotificationStatus | undefined>;
}
