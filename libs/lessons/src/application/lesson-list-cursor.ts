import { DomainError } from '@techtrek/platform/kernel';
import type { LessonSortKey } from './lesson-catalogue.reader.js';

export class InvalidLessonCursorError extends DomainError {
  readonly code = 'LESSONS.INVALID_CURSOR';
  readonly kind = 'invalid';

  constructor() {
    super('cursor: is not a cursor this API issued', [
      { field: 'cursor', message: 'must be a nextCursor returned by this endpoint' },
    ]);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;
const isKeyPart = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The opaque cursor: base64url of the last row's sort key `[topicPosition, sequenceOrder, lessonId]`.
 * A key, not an offset, so lessons inserted into pages already read never shift the next page.
 */
export function encodeLessonCursor(key: LessonSortKey): string {
  return Buffer.from(JSON.stringify([key.topicPosition, key.sequenceOrder, key.lessonId])).toString('base64url');
}

export function decodeLessonCursor(cursor: string): LessonSortKey {
  // Node's base64 decoder skips characters it does not know; accept only what we would have written.
  if (!BASE64URL.test(cursor)) throw new InvalidLessonCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidLessonCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every(isKeyPart)) throw new InvalidLessonCursorError();
  const [topicPosition, sequenceOrder, lessonId] = parsed as number[];
  const key = { topicPosition, sequenceOrder, lessonId };
  if (encodeLessonCursor(key) !== cursor) throw new InvalidLessonCursorError();
  return key;
}
