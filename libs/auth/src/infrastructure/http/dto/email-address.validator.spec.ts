import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SignUpRequestDto } from './auth-requests.dto.js';

const signUp = (email: unknown) =>
  plainToInstance(SignUpRequestDto, { email, username: 'grace', password: 'violet-kayak-orbit-91' });

const emailErrors = (email: unknown): string[] =>
  validateSync(signUp(email), { whitelist: true, forbidNonWhitelisted: true })
    .filter((error) => error.property === 'email')
    .flatMap((error) => Object.values(error.constraints ?? {}));

describe('the sign-up email', () => {
  it('accepts a padded, mixed-case address and keeps it trimmed and lower-cased', () => {
    const request = signUp('  Grace.Hopper@Example.COM ');

    expect(emailErrors('  Grace.Hopper@Example.COM ')).toEqual([]);
    expect(request.email).toBe('grace.hopper@example.com');
  });

  it.each([['not-an-email'], ['grace@'], ['@example.com'], ['grace hopper@example.com'], [''], [42], [null]])(
    'refuses %p as not an email address',
    (email) => {
      expect(emailErrors(email)).toContain('email must be a valid email address');
    },
  );
});
