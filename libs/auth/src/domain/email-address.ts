import { DomainError } from '@techtrek/platform/kernel';

export class InvalidEmailAddressError extends DomainError {
  readonly code = 'AUTH.INVALID_EMAIL';
  readonly kind = 'invalid';
}

// Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is proven by mail, not regex.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_LENGTH = 254;

/** An email address as we store and compare it: trimmed and lower-cased. */
export class EmailAddress {
  private constructor(readonly value: string) {}

  static parse(raw: string): EmailAddress {
    const normalized = raw.trim().toLowerCase();
    if (normalized.length > MAX_LENGTH || !EMAIL.test(normalized)) {
      throw new InvalidEmailAddressError('This is not a valid email address', [
        { field: 'email', message: 'must be a valid email address' },
      ]);
    }
    return new EmailAddress(normalized);
  }
}
