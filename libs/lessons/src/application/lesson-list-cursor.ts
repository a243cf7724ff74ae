import { decodeKeyCursor, DomainError, encodeKeyCursor } from '@techtrek/platform/kernel';
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

/** The last row's sort key `[topicPosition, sequenceOrder, lessonId]`, opaque to clients. */
export function encodeLessonCursor(key: LessonSortKey): string {
  return encodeKeyCursor([key.topicPosition, key.sequenceOrder, key.lessonId]);
}

export function decodeLessonCursor(cursor: string): LessonSortKey {
  const parts = decodeKeyCursor(cursor, 3);
  if (!parts) throw new InvalidLessonCursorError();
  const [topicPosition, sequenceOrder, lessonId] = parts;
  return { topicPosition, sequenceOrder, lessonId };
}
