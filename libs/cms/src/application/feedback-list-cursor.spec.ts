import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidFeedbackCursorError } from '../domain/feedback.errors.js';
import { decodeFeedbackCursor, encodeFeedbackCursor } from './feedback-list-cursor.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('feedback list cursor', () => {
  it('round-trips any sort key, microseconds included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (micros, id) => {
        const key = { createdAtMicros: micros, id };
        const cursor = encodeFeedbackCursor(key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeFeedbackCursor(cursor)).toEqual(key);
      }),
    );
  });

  it.each([
    ['not base64url', 'a+b/c=='],
    ['not JSON', b64('[1,2')],
    ['an object', b64('{"a":1}')],
    ['three parts', b64('[1,2,3]')],
    ['a fraction', b64('[1.5,2]')],
    ['a string part', b64('["1",2]')],
    ['a huge number', b64('[1e300,2]')],
    ['spaces in the JSON', b64('[1, 2]')],
    ['empty', ''],
    ['too long', 'A'.repeat(500)],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeFeedbackCursor(cursor)).toThrow(InvalidFeedbackCursorError);
  });

  it('refuses every string it did not issue, and never throws anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (cursor) => {
        try {
          expect(encodeFeedbackCursor(decodeFeedbackCursor(cursor))).toBe(cursor);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidFeedbackCursorError);
        }
      }),
    );
  });
});
