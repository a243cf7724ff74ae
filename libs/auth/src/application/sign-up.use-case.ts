import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../domain/email-address.js';
import type { AuthResult } from './auth-result.js';
import { NewPasswordPolicy } from './new-password-policy.js';
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
    private readonly newPasswordPolicy: NewPasswordPolicy,
    private readonly sessionStarter: SessionStarter,
  ) {}

  async execute(input: SignUpInput): Promise<AuthResult> {
    const email = EmailAddress.parse(input.email);
    const username = input.username.trim();
    const passwordHash = await this.newPasswordPolicy.hashIfAcceptable(input.password, {
      email: email.value,
      username,
    });
    const account = await this.accounts.create({ email, username, passwordHash, role: 'learner' });
    return this.sessionStarter.start(account);
  }
}
