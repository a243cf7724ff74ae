import { Injectable } from '@nestjs/common';
import { WeakPasswordError } from '../domain/auth.errors.js';
import { EmailAddress } from '../domain/email-address.js';
import { passwordProblems } from '../domain/password-policy.js';
import type { AuthResult } from './auth-result.js';
import { CommonPasswordList } from './common-password-list.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionStarter } from './session-starter.js';
import { UserAccountRepository } from './user-account.repository.js';

export interface SignUpInput {
  email: string;
  username: string;
  password: string;
}

@Injectable()
export class SignUpUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly commonPasswords: CommonPasswordList,
    private readonly sessionStarter: SessionStarter,
  ) {}

  async execute(input: SignUpInput): Promise<AuthResult> {
    const email = EmailAddress.parse(input.email);
    const username = input.username.trim();
    const problems = passwordProblems(input.password, {
      email: email.value,
      username,
      isCommon: (password) => this.commonPasswords.contains(password),
    });
    if (problems.length > 0) throw new WeakPasswordError(problems);
    const passwordHash = await this.passwordHasher.hash(input.password);
    const account = await this.accounts.create({ email, username, passwordHash, role: 'learner' });
    return this.sessionStarter.start(account);
  }
}
