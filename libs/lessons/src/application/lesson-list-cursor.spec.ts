import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeLessonCursor, encodeLessonCursor, InvalidLessonCursorError } from './lesson-list-cursor.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('lesson list cursor', () => {
  it('round-trips any sort key', () => {
    const part = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(part, part, part, (topicPosition, sequenceOrder, lessonId) => {
        const key = { topicPosition, sequenceOrder, lessonId };
        const cursor = encodeLessonCursor(key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeLessonCursor(cursor)).toEqual(key);
      }),
    );
  });

  it.each([
    ['not base64url', 'a+b/c=='],
    ['not JSON', b64('[1,2')],
    ['an object', b64('{"a":1}')],
    ['two parts', b64('[1,2]')],
    ['a fraction', b64('[1,2,3.5]')],
    ['a string part', b64('[1,"2",3]')],
    ['a huge number', b64('[1,2,1e300]')],
    ['padding', `${encodeLessonCursor({ topicPosition: 1, sequenceOrder: 2, lessonId: 3 })}=`],
    ['spaces in the JSON', b64('[1, 2, 3]')],
    ['empty', ''],
    ['too long', 'A'.repeat(500)],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeLessonCursor(cursor)).toThrow(InvalidLessonCursorError);
  });

  it('refuses every string it did not issue, and never throws anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (cursor) => {
        try {
          const key = decodeLessonCursor(cursor);
          expect(encodeLessonCursor(key)).toBe(cursor);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidLessonCursorError);
        }
      }),
    );
  });
});
