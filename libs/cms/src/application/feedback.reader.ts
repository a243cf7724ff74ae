import type { FeedbackStatus } from '../domain/feedback.js';
import type { AdminFeedbackItem } from './feedback.repository.js';

/** Where a row sits in the admin list: newest first, the id breaking ties of the same instant. */
export interface FeedbackSortKey {
  /** `created_at` in microseconds since the epoch: a JS Date would drop PostgreSQL's last 3 digits. */
  createdAtMicros: number;
  id: number;
}

export interface FeedbackListFilter {
  status?: FeedbackStatus;
  lessonId?: number;
  /** Only rows strictly after this key in list order. */
  after?: FeedbackSortKey;
  limit: number;
}

/** The admin list's reads, straight into response-shaped rows. */
export abstract class FeedbackReader {
  /** Newest first, each with its sort key (for the next page's cursor). */
  abstract list(filter: FeedbackListFilter): Promise<{ item: AdminFeedbackItem; key: FeedbackSortKey }[]>;

  /** Mean rating over all of the lesson's feedback, whatever its status; null when it has none. */
  abstract averageRating(lessonId: number): Promise<number | null>;
}
