import { Injectable } from '@nestjs/common';
import { Outbox, Transactions } from '@techtrek/platform';
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

/**
 * Published in the transaction that creates a learner's account (product analytics count it):
 * `{ userId, at }`, nothing personal.
 */
export const SIGNED_UP_EVENT = 'auth.signed_up';

@Injectable()
export class SignUpUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly newPasswordPolicy: NewPasswordPolicy,
    private readonly sessionStarter: SessionStarter,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
  ) {}

  async execute(input: SignUpInput): Promise<AuthResult> {
    const email = EmailAddress.parse(input.email);
    const username = input.username.trim();
    const passwordHash = await this.newPasswordPolicy.hashIfAcceptable(input.password, {
      email: email.value,
      username,
    });
    const account = await this.transactions.run(async () => {
      const created = await this.accounts.create({ email, username, passwordHash, role: 'learner' });
      await this.outbox.record(SIGNED_UP_EVENT, { userId: created.id, at: created.createdAt.toISOString() });
      return created;
    });
    // After the commit: the session is written on its own connection and references the account.
    return this.sessionStarter.start(account);
  }
}
