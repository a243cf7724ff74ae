import { decodeKeyCursor, DomainError, encodeKeyCursor, keysetPage } from '@techtrek/platform/kernel';
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
  return encodeKeyCursor(lessonCursorKey(key));
}

const lessonCursorKey = (key: LessonSortKey): number[] => [key.topicPosition, key.sequenceOrder, key.lessonId];

export function decodeLessonCursor(cursor: string): LessonSortKey {
  const parts = decodeKeyCursor(cursor, 3);
  if (!parts) throw new InvalidLessonCursorError();
  const [topicPosition, sequenceOrder, lessonId] = parts;
  return { topicPosition, sequenceOrder, lessonId };
}

/** A page of catalogue rows fetched with `limit + 1`; see `keysetPage`. */
export function lessonPage<T>(
  rows: readonly { lesson: T; key: LessonSortKey }[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const { items, nextCursor } = keysetPage(rows, limit, ({ key }) => lessonCursorKey(key));
  return { items: items.map((row) => row.lesson), nextCursor };
}
