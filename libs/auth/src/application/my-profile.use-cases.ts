import { Injectable } from '@nestjs/common';
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

@Injectable()
export class UpdateMyProfileUseCase {
  constructor(private readonly accounts: UserAccountRepository) {}

  async execute({ userId, username, timezone }: UpdateMyProfileInput): Promise<UserProfile> {
    const account = await this.accounts.updateProfile(userId, { username: username?.trim(), timezone });
    if (!account) throw new AccountNotFoundError();
    return toProfile(account);
  }
}
