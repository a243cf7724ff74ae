import { Injectable } from '@nestjs/common';
import { AccountNotFoundError, InvalidCredentialsError } from '../domain/auth.errors.js';
import { NewPasswordPolicy } from './new-password-policy.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository } from './session.repository.js';
import { UserAccountRepository } from './user-account.repository.js';

export interface ChangePasswordInput {
  userId: number;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}

/** A signed-in password change: proves the old one, and signs out every other device. */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly newPasswordPolicy: NewPasswordPolicy,
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
  ) {}

  async execute(input: ChangePasswordInput): Promise<void> {
    const account = await this.accounts.findById(input.userId);
    if (!account) throw new AccountNotFoundError();
    if (!(await this.passwordHasher.verify(account.passwordHash, input.currentPassword))) {
      throw new InvalidCredentialsError();
    }
    const passwordHash = await this.newPasswordPolicy.hashIfAcceptable(input.newPassword, account, 'newPassword');
    await this.accounts.changePasswordHash(account.id, passwordHash);
    const ended = await this.sessions.revokeAllOfUser(account.id, 'password changed', input.sessionId);
    await this.sessionCache.rememberAll(ended);
  }
}
