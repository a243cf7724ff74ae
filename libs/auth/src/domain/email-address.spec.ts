import { describe, expect, it } from '@jest/globals';
import { EmailAddress, InvalidEmailAddressError } from './email-address.js';

describe('EmailAddress.parse', () => {
  it('trims and lower-cases the address', () => {
    expect(EmailAddress.parse('  Ada.Lovelace@Example.COM \n').value).toBe('ada.lovelace@example.com');
  });

  it('keeps an already normal address as it is', () => {
    expect(EmailAddress.parse('grace+techtrek@navy.mil').value).toBe('grace+techtrek@navy.mil');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['without an @', 'ada.example.com'],
    ['with two @', 'ada@lovelace@example.com'],
    ['without a dot in the domain', 'ada@localhost'],
    ['with a space inside', 'ada lovelace@example.com'],
    ['with nothing before the @', '@example.com'],
    ['longer than 254 characters', `${'a'.repeat(243)}@example.com`],
  ])('rejects an address %s', (_label, raw) => {
    let thrown: unknown;
    try {
      EmailAddress.parse(raw);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(InvalidEmailAddressError);
    const error = thrown as InvalidEmailAddressError;
    expect(error.code).toBe('AUTH.INVALID_EMAIL');
    expect(error.kind).toBe('invalid');
    expect(error.fieldProblems).toEqual([{ field: 'email', message: 'must be a valid email address' }]);
  });

  it('accepts an address of exactly 254 characters', () => {
    const raw = `${'a'.repeat(242)}@example.com`;

    expect(EmailAddress.parse(raw).value).toHaveLength(254);
  });
});
