import { describe, expect, it } from '@jest/globals';
import { passwordProblems } from './password-policy.js';

const context = {
  email: 'grace.hopper@example.com',
  username: 'amazing-grace',
  isCommon: (p: string) => p === 'password123',
};

describe('passwordProblems', () => {
  it('accepts a long, uncommon, impersonal passphrase', () => {
    expect(passwordProblems('violet kayak orbit 91', context)).toEqual([]);
  });

  it.each([
    ['9 characters', 'a'.repeat(9)],
    ['129 characters', 'a'.repeat(129)],
  ])('refuses %s', (_label, password) => {
    expect(passwordProblems(password, context)).toEqual([
      { field: 'password', message: 'must be 10 to 128 characters long' },
    ]);
  });

  it('counts characters, not bytes: ten emoji are ten characters', () => {
    expect(passwordProblems('🔒'.repeat(10), context)).toEqual([]);
  });

  it('refuses a common password whatever its case and surrounding spaces', () => {
    expect(passwordProblems('  PASSWORD123 ', context)[0].message).toMatch(/too common/);
  });

  it.each(['grace.hopper@example.com!', 'my-grace.hopper-pass', 'AMAZING-GRACE-2026'])(
    'refuses %s, built from the account',
    (password) => {
      expect(passwordProblems(password, context)).toEqual([
        { field: 'password', message: 'must not contain your email or username' },
      ]);
    },
  );

  it('names the field it was given', () => {
    expect(passwordProblems('short', context, 'newPassword')[0].field).toBe('newPassword');
  });
});
