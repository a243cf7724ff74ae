import { describe, expect, it } from '@jest/globals';
import { findUnsafeInput, MAX_DEPTH } from './unsafe-input.js';

describe('findUnsafeInput', () => {
  it('accepts ordinary and exotic but well-formed text', () => {
    const text = "' OR 1=1 -- \u202Eevil\u200B 🧑‍💻 ﷽ %00 \\u0000";
    expect(findUnsafeInput({ a: text, b: [text, { c: text }], [text]: 1, n: 5, z: null }, '')).toEqual([]);
  });

  it.each([
    ['a NUL', 'ab\u0000cd'],
    ['a lone high surrogate', 'ab\uD800cd'],
    ['a lone high surrogate at the end', 'ab\uD83D'],
    ['a lone low surrogate', '\uDC00ab'],
    ['two high surrogates', '\uD83D\uD83D'],
  ])('names every field holding %s, nested or not', (_label, bad) => {
    expect(findUnsafeInput({ name: bad, list: ['ok', bad], deep: { inner: [{ x: bad }] } }, '')).toEqual([
      { field: 'name', message: expect.stringContaining('NUL') },
      { field: 'list[1]', message: expect.any(String) },
      { field: 'deep.inner[0].x', message: expect.any(String) },
    ]);
  });

  it('checks object keys, root strings and null-prototype objects', () => {
    expect(findUnsafeInput(JSON.parse('{"a\\u0000": 1}'), '')).toEqual([
      { field: 'a\u0000', message: expect.any(String) },
    ]);
    expect(findUnsafeInput('x\u0000', 'token')).toEqual([{ field: 'token', message: expect.any(String) }]);
    expect(findUnsafeInput(Object.assign(Object.create(null), { q: '\uDFFF' }), '')).toHaveLength(1);
    // How fast-querystring (Fastify's query parser) builds its objects.
    const Empty = function Empty() {} as unknown as new () => Record<string, unknown>;
    Empty.prototype = Object.create(null) as object;
    expect(findUnsafeInput(Object.assign(new Empty(), { entityId: 'a\u0000' }), '')).toEqual([
      { field: 'entityId', message: expect.any(String) },
    ]);
  });

  it('refuses nesting past the limit, however deep, without walking it all', () => {
    const nested = (depth: number, leaf: unknown): unknown =>
      JSON.parse('['.repeat(depth) + JSON.stringify(leaf) + ']'.repeat(depth));
    expect(findUnsafeInput({ a: nested(MAX_DEPTH - 1, 'ok') }, '')).toEqual([]);
    expect(findUnsafeInput({ a: nested(MAX_DEPTH, 'ok') }, '')).toEqual([
      { field: expect.stringMatching(/^a(\[0\])+$/), message: expect.stringContaining('nested') },
    ]);
    expect(findUnsafeInput(nested(200_000, 1), '')).toEqual([
      { field: expect.any(String), message: expect.any(String) },
    ]);
  });

  it('does not walk into class instances such as buffers', () => {
    expect(findUnsafeInput({ file: Buffer.from([0, 0xd8, 0x00]) }, '')).toEqual([]);
  });
});
