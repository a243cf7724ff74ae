import { Injectable } from '@nestjs/common';
import { AccountNotFoundError, InvalidCredentialsError, WeakPasswordError } from '../domain/auth.errors.js';
import { passwordProblems } from '../domain/password-policy.js';
import { CommonPasswordList } from './common-password-list.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository } from './session.repository.js';
import { UserAccountRepository, type UserAccount } from './user-account.repository.js';

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
    private readonly commonPasswords: CommonPasswordList,
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
  ) {}

  async execute(input: ChangePasswordInput): Promise<void> {
    const account = await this.accounts.findById(input.userId);
    if (!account) throw new AccountNotFoundError();
    if (!(await this.passwordHasher.verify(account.passwordHash, input.currentPassword))) {
      throw new InvalidCredentialsError();
    }
    await replacePassword(
      account,
      input.newPassword,
      'newPassword',
      this.passwordHasher,
      this.commonPasswords,
      this.accounts,
    );
    const ended = await this.sessions.revokeAllOfUser(account.id, 'password changed', input.sessionId);
    await this.sessionCache.rememberAll(ended);
  }
}

/** Shared by password change and reset: the policy, then the new hash. */
export async function replacePassword(
  account: UserAccount,
  newPassword: string,
  field: string,
  passwordHasher: PasswordHasher,
  commonPasswords: CommonPasswordList,
  accounts: UserAccountRepository,
): Promise<void> {
  const problems = passwordProblems(
    newPassword,
    { email: account.email, username: account.username, isCommon: (password) => commonPasswords.contains(password) },
    field,
  );
  if (problems.length > 0) throw new WeakPasswordError(problems);
  await accounts.changePasswordHash(account.id, await passwordHasher.hash(newPassword));
}
