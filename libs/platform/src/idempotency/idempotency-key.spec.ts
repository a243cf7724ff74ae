import { describe, expect, it } from '@jest/globals';
import { RequestValidationError } from '../errors/request-errors.js';
import { idempotencyKeyOf } from './idempotency-key.js';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('idempotencyKeyOf', () => {
  it('is undefined without the header: the route runs as usual', () => {
    expect(idempotencyKeyOf({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it.each([
    ['a UUID', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['one character', 'k'],
    ['255 characters', 'k'.repeat(255)],
    ['every printable ASCII character', String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 0x20 + i))],
    ['a quoted structured-field string, kept as sent', '"abc"'],
  ])('accepts %s as it is', (_label, key) => {
    expect(idempotencyKeyOf({ 'idempotency-key': key })).toBe(key);
  });

  it.each([
    ['an empty value', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'key\u0001'],
    ['DEL', 'key\u007f'],
    ['a tab', 'a\tb'],
    ['a non-ASCII letter', 'clé'],
    ['an emoji', 'key-🔑'],
  ])('refuses %s with a validation problem on the header', (_label, key) => {
    const error = thrownBy(() => idempotencyKeyOf({ 'idempotency-key': key }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).fieldProblems).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
  });

  it('refuses a header given as a list', () => {
    expect(() => idempotencyKeyOf({ 'idempotency-key': ['a', 'b'] })).toThrow(RequestValidationError);
  });
});
