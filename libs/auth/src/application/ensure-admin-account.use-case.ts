import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../domain/email-address.js';
import { PasswordHasher } from './password-hasher.js';
import { UserAccountRepository } from './user-account.repository.js';

export interface EnsureAdminAccountInput {
  email: string;
  password: string;
}

export type EnsureAdminAccountOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * Makes sure the configured admin exists. Idempotent: an existing account keeps its password
 * (changed through the app, never by re-seeding) and is only promoted if it is not an admin yet.
 */
@Injectable()
export class EnsureAdminAccountUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly passwordHasher: PasswordHasher,
  ) {}

  async execute(input: EnsureAdminAccountInput): Promise<EnsureAdminAccountOutcome> {
    const email = EmailAddress.parse(input.email);
    const existing = await this.accounts.findByEmail(email);
    if (existing?.role === 'admin') return 'unchanged';
    if (existing) {
      await this.accounts.changeRole(existing.id, 'admin');
      return 'promoted';
    }
    const passwordHash = await this.passwordHasher.hash(input.password);
    await this.accounts.create({ email, username: 'admin', passwordHash, role: 'admin' });
    return 'created';
  }
}
