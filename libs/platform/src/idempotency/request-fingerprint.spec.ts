import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestFingerprint } from './request-fingerprint.js';

describe('canonicalJson', () => {
  it('sorts object members at every depth and keeps array order', () => {
    const value = { b: 1, a: { y: [3, { d: 1, c: 2 }], x: null } };
    expect(canonicalJson(value)).toBe('{"a":{"x":null,"y":[3,{"c":2,"d":1}]},"b":1}');
  });

  it('sorts by code unit, so upper case comes before lower case', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3 })).toBe('{"B":2,"a":3,"b":1}');
  });

  it('writes scalars and escapes as JSON does, leaving out undefined members', () => {
    expect(canonicalJson({ s: 'é"\n', n: 1.5e-7, t: true, u: undefined })).toBe(
      JSON.stringify({ n: 1.5e-7, s: 'é"\n', t: true }),
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('reads objects without a prototype, as parsed query strings are', () => {
    const query = Object.assign(Object.create(null) as Record<string, string>, { z: '1', a: '2' });
    expect(canonicalJson(query)).toBe('{"a":"2","z":"1"}');
  });
});

describe('requestFingerprint', () => {
  const fingerprint = (body: unknown, params: unknown = {}, query: unknown = {}) =>
    requestFingerprint({ body, params, query });

  it('does not depend on key order', () => {
    expect(fingerprint({ lessonId: 1, rating: 4, meta: { a: 1, b: 2 } })).toBe(
      fingerprint({ meta: { b: 2, a: 1 }, rating: 4, lessonId: 1 }),
    );
  });

  it('changes with any value, type or array order in the body', () => {
    const base = fingerprint({ lessonId: 1, rating: 4, tags: ['a', 'b'] });
    expect(fingerprint({ lessonId: 1, rating: 5, tags: ['a', 'b'] })).not.toBe(base);
    expect(fingerprint({ lessonId: 1, rating: '4', tags: ['a', 'b'] })).not.toBe(base);
    expect(fingerprint({ lessonId: 1, rating: 4, tags: ['b', 'a'] })).not.toBe(base);
    expect(fingerprint({ lessonId: 1, rating: 4 })).not.toBe(base);
  });

  it('changes with the path and query parameters', () => {
    expect(fingerprint({ a: 1 }, { id: '6' })).not.toBe(fingerprint({ a: 1 }, { id: '7' }));
    expect(fingerprint({ a: 1 }, {}, { scope: 'global' })).not.toBe(fingerprint({ a: 1 }));
  });

  it('does not confuse a missing body with an empty one', () => {
    expect(fingerprint(undefined)).toBe(fingerprint(null));
    expect(fingerprint(undefined)).not.toBe(fingerprint({}));
  });

  it('is a SHA-256 digest', () => {
    expect(fingerprint({ a: 1 })).toMatch(/^[\w-]{43}$/);
  });
});
