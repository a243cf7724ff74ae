import { decodeKeyCursor, encodeKeyCursor } from '@techtrek/platform/kernel';
import { InvalidFeedbackCursorError } from '../domain/feedback.errors.js';
import type { FeedbackSortKey } from './feedback.reader.js';

/** The last row's sort key `[createdAtMicros, id]`, opaque to clients once encoded. */
export function feedbackCursorKey(key: FeedbackSortKey): number[] {
  return [key.createdAtMicros, key.id];
}

export function encodeFeedbackCursor(key: FeedbackSortKey): string {
  return encodeKeyCursor(feedbackCursorKey(key));
}

export function decodeFeedbackCursor(cursor: string): FeedbackSortKey {
  const parts = decodeKeyCursor(cursor, 2);
  if (!parts) throw new InvalidFeedbackCursorError();
  const [createdAtMicros, id] = parts;
  return { createdAtMicros, id };
}
