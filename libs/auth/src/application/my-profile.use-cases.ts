import { Injectable } from '@nestjs/common';
import { Outbox, Transactions } from '@techtrek/platform';
import { AccountNotFoundError } from '../domain/auth.errors.js';
import { toProfile } from './auth-result.js';
import { UserAccountRepository, type UserProfile } from './user-account.repository.js';

@Injectable()
export class GetMyProfileQuery {
  constructor(private readonly accounts: UserAccountRepository) {}

  async execute(userId: number): Promise<UserProfile> {
    const account = await this.accounts.findById(userId);
    if (!account) throw new AccountNotFoundError();
    return toProfile(account);
  }
}

export interface UpdateMyProfileInput {
  userId: number;
  username?: string;
  timezone?: string;
}

/**
 * Published when a learner's time zone changes, in the transaction that changes it, so modules
 * that keep local-time schedules (daily reminders) move them: `{ userId, timeZone }`.
 */
export const TIME_ZONE_CHANGED_EVENT = 'auth.time_zone_changed';

@Injectable()
export class UpdateMyProfileUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
  ) {}

  async execute({ userId, username, timezone }: UpdateMyProfileInput): Promise<UserProfile> {
    return this.transactions.run(async () => {
      const before = timezone === undefined ? undefined : await this.accounts.findById(userId);
      const account = await this.accounts.updateProfile(userId, { username: username?.trim(), timezone });
      if (!account) throw new AccountNotFoundError();
      if (before && before.timezone !== account.timezone) {
        await this.outbox.record(TIME_ZONE_CHANGED_EVENT, { userId, timeZone: account.timezone });
      }
      return toProfile(account);
    });
  }
}
