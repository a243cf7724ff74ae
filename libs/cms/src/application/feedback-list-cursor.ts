import { InvalidFeedbackCursorError } from '../domain/feedback.errors.js';
import type { FeedbackSortKey } from './feedback.reader.js';

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;
const isKeyPart = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The opaque cursor: base64url of the last row's sort key `[createdAtMicros, id]`. A key, not an
 * offset, so feedback arriving while an admin pages through never shifts the next page.
 */
export function encodeFeedbackCursor(key: FeedbackSortKey): string {
  return Buffer.from(JSON.stringify([key.createdAtMicros, key.id])).toString('base64url');
}

export function decodeFeedbackCursor(cursor: string): FeedbackSortKey {
  // Node's base64 decoder skips characters it does not know; accept only what we would have written.
  if (!BASE64URL.test(cursor)) throw new InvalidFeedbackCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidFeedbackCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every(isKeyPart)) throw new InvalidFeedbackCursorError();
  const [createdAtMicros, id] = parsed as number[];
  const key = { createdAtMicros, id };
  if (encodeFeedbackCursor(key) !== cursor) throw new InvalidFeedbackCursorError();
  return key;
}
