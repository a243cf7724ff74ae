import { Injectable } from '@nestjs/common';
import type { FeedbackStatus } from '../domain/feedback.js';
import { keysetPage } from '@techtrek/platform/kernel';
import { decodeFeedbackCursor, feedbackCursorKey } from './feedback-list-cursor.js';
import { FeedbackReader } from './feedback.reader.js';
import type { AdminFeedbackItem } from './feedback.repository.js';

export interface ListFeedbackInput {
  status?: FeedbackStatus;
  lessonId?: number;
  /** 1–100, checked at the edge. */
  limit: number;
  cursor?: string;
}

export interface FeedbackPage {
  items: AdminFeedbackItem[];
  /** Null on the last page. */
  nextCursor: string | null;
  /** The lesson's mean over all its feedback when filtering by lesson; otherwise null. */
  averageRating: number | null;
}

/** The admin feedback inbox, newest first. */
@Injectable()
export class ListFeedbackQuery {
  constructor(private readonly reader: FeedbackReader) {}

  async execute(input: ListFeedbackInput): Promise<FeedbackPage> {
    const after = input.cursor === undefined ? undefined : decodeFeedbackCursor(input.cursor);
    const [rows, averageRating] = await Promise.all([
      this.reader.list({ status: input.status, lessonId: input.lessonId, after, limit: input.limit + 1 }),
      input.lessonId === undefined ? Promise.resolve(null) : this.reader.averageRating(input.lessonId),
    ]);
    const { items, nextCursor } = keysetPage(rows, input.limit, ({ key }) => feedbackCursorKey(key));
    return { items: items.map((row) => row.item), nextCursor, averageRating };
  }
}
