import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { requestIdFor } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const requestWith = (requestId: unknown): IncomingMessage =>
  ({ headers: requestId === undefined ? {} : { 'x-request-id': requestId } }) as unknown as IncomingMessage;

describe('requestIdFor', () => {
  it.each(['abc-123', 'trace.id:42_x', 'A'.repeat(128), '3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b'])(
    'keeps the safe incoming id %s',
    (incoming) => {
      expect(requestIdFor(requestWith(incoming))).toBe(incoming);
    },
  );

  it.each([
    ['with a space', 'abc 123'],
    ['with a newline', 'abc\ninjected-log-line'],
    ['with a trailing newline', 'abc\n'],
    ['longer than 128 characters', 'A'.repeat(129)],
    ['empty', ''],
    ['with other punctuation', 'abc/123'],
    ['sent twice (an array)', ['abc', 'def']],
    ['absent', undefined],
  ])('makes a fresh UUID when the incoming id is %s', (_label, incoming) => {
    const id = requestIdFor(requestWith(incoming));

    expect(id).toMatch(UUID);
  });

  it('makes a different id for each request without a usable one', () => {
    expect(requestIdFor(requestWith(undefined))).not.toBe(requestIdFor(requestWith(undefined)));
  });
});
