import type { FieldProblem } from '@techtrek/platform/kernel';

export const PASSWORD_LENGTH = { min: 10, max: 128 } as const;

export interface PasswordContext {
  email: string;
  username?: string;
  isCommon: (password: string) => boolean;
}

/**
 * NIST SP 800-63B style: length over composition rules, and no password from a list of common
 * ones or made of the account's own email or username.
 */
export function passwordProblems(password: string, context: PasswordContext, field = 'password'): FieldProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    return [{ field, message: `must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long` }];
  }
  const lowered = password.trim().toLowerCase();
  if (context.isCommon(lowered)) return [{ field, message: 'is too common; choose a less predictable one' }];
  const personal = [context.email, context.email.split('@')[0], context.username ?? '']
    .map((value) => value.toLowerCase())
    .filter((value) => value.length >= 3);
  if (personal.some((value) => lowered.includes(value))) {
    return [{ field, message: 'must not contain your email or username' }];
  }
  return [];
}
