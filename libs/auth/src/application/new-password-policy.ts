import { Injectable } from '@nestjs/common';
import { WeakPasswordError } from '../domain/auth.errors.js';
import { passwordProblems } from '../domain/password-policy.js';
import { CommonPasswordList } from './common-password-list.js';
import { PasswordHasher } from './password-hasher.js';

/** Every new password (sign-up, change, reset) passes the policy, then gets hashed. */
@Injectable()
export class NewPasswordPolicy {
  constructor(
    private readonly commonPasswords: CommonPasswordList,
    private readonly passwordHasher: PasswordHasher,
  ) {}

  /** The hash to store, or a WeakPasswordError naming `field`. */
  async hashIfAcceptable(
    password: string,
    owner: { email: string; username?: string },
    field = 'password',
  ): Promise<string> {
    const problems = passwordProblems(
      password,
      { ...owner, isCommon: (candidate) => this.commonPasswords.contains(candidate) },
      field,
    );
    if (problems.length > 0) throw new WeakPasswordError(problems);
    return this.passwordHasher.hash(password);
  }
}
