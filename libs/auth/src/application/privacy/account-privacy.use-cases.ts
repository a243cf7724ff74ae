import { Injectable } from '@nestjs/common';
import { Clock, Outbox, Transactions } from '@techtrek/platform';
import { AccountNotFoundError, InvalidCredentialsError } from '../../domain/auth.errors.js';
import { toProfile } from '../auth-result.js';
import { PasswordHasher } from '../password-hasher.js';
import { SessionVersionCache } from '../session-version.cache.js';
import { SessionRepository } from '../session.repository.js';
import { UserAccountRepository } from '../user-account.repository.js';
import { PersonalDataRegistry } from './personal-data.registry.js';

/** Everything stored about the caller, from every module (right of access). Never a hash. */
@Injectable()
export class ExportMyDataQuery {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly registry: PersonalDataRegistry,
    private readonly clock: Clock,
  ) {}

  async execute(userId: number): Promise<Record<string, unknown>> {
    const account = await this.accounts.findById(userId);
    if (!account) throw new AccountNotFoundError();
    return { exportedAt: this.clock.now(), account: toProfile(account), ...(await this.registry.collect(userId)) };
  }
}

/** Published when an account is erased, so modules holding copies outside PostgreSQL drop them. */
export const ACCOUNT_DELETED_EVENT = 'auth.account_deleted';

/**
 * Erases the account (right to erasure): one DELETE of the user row, whose foreign keys cascade to
 * every personal row, and the `auth.account_deleted` event for what lives elsewhere (leaderboards
 * in Redis), in one transaction. Sessions are revoked first so tokens die at once.
 */
@Injectable()
export class DeleteMyAccountUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(userId: number, password: string): Promise<void> {
    const account = await this.accounts.findById(userId);
    if (!account) throw new AccountNotFoundError();
    if (!(await this.passwordHasher.verify(account.passwordHash, password))) throw new InvalidCredentialsError();
    const ended = await this.sessions.revokeAllOfUser(userId, 'account deleted');
    await this.sessionCache.rememberAll(ended);
    await this.transactions.run(async () => {
      await this.accounts.delete(userId);
      await this.outbox.record(ACCOUNT_DELETED_EVENT, { userId, at: this.clock.now().toISOString() });
    });
  }
}
