import { DomainError } from '@techtrek/platform/kernel';

export const RESET_CODE = { digits: 6, validMinutes: 15, attempts: 5 } as const;

export class InvalidResetCodeError extends DomainError {
  readonly code = 'AUTH.INVALID_RESET_CODE';
  readonly kind = 'invalid';

  constructor() {
    super('The code is wrong, expired or used up; ask for a new one', [
      { field: 'code', message: 'is not valid for this email' },
    ]);
  }
}

export interface StoredResetCode {
  codeHash: Buffer;
  expiresAt: Date;
  attemptsLeft: number;
}

export type ResetCodeCheck = 'accept' | 'reject-and-count' | 'reject';

/** A code is good once, before it expires, within its tries; every wrong guess costs a try. */
export function checkResetCode(stored: StoredResetCode | undefined, matches: boolean, now: Date): ResetCodeCheck {
  if (!stored || stored.attemptsLeft <= 0 || stored.expiresAt <= now) return 'reject';
  return matches ? 'accept' : 'reject-and-count';
}
