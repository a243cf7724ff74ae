import { beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidCredentialsError } from '../domain/auth.errors.js';
import type { EmailAddress } from '../domain/email-address.js';
import type { AuthResult } from './auth-result.js';
import { LogInUseCase } from './log-in.use-case.js';
import { PasswordHasher } from './password-hasher.js';
import type { SessionStarter } from './session-starter.js';
import { UserAccountRepository, type UserAccount } from './user-account.repository.js';

const ada: UserAccount = {
  id: 7,
  email: 'ada@example.com',
  username: 'ada',
  role: 'learner',
  xp: 0,
  currentStreak: 0,
  timezone: 'UTC',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  passwordHash: 'old-params:right password',
};

class OneAccount extends UserAccountRepository {
  readonly rehashed: string[] = [];
  async findByEmail(email: EmailAddress) {
    return email.value === ada.email ? { ...ada } : undefined;
  }
  async findById() {
    return undefined;
  }
  async create(): Promise<UserAccount> {
    throw new Error('not used');
  }
  async changeRole() {}
  async changePasswordHash(_userId: number, hash: string) {
    this.rehashed.push(hash);
  }
  async delete() {}
  async updateProfile() {
    return undefined;
  }
}

/** Records which verifications ran: the point is that every path runs exactly one. */
class RecordingHasher extends PasswordHasher {
  readonly verifications: string[] = [];
  async hash(password: string) {
    return `current-params:${password}`;
  }
  async verify(hash: string, password: string) {
    this.verifications.push('real');
    return hash.endsWith(`:${password}`);
  }
  needsRehash(hash: string) {
    return hash.startsWith('old-params:');
  }
  async verifyAgainstDummy() {
    this.verifications.push('dummy');
  }
}

describe('LogInUseCase', () => {
  let accounts: OneAccount;
  let hasher: RecordingHasher;
  let login: LogInUseCase;
  const started: number[] = [];
  const sessionStarter = {
    start: async (account: UserAccount) => {
      started.push(account.id);
      return { user: account } as unknown as AuthResult;
    },
  } as SessionStarter;

  beforeEach(() => {
    accounts = new OneAccount();
    hasher = new RecordingHasher();
    login = new LogInUseCase(accounts, hasher, sessionStarter);
    started.length = 0;
  });

  it('signs in with the right password and upgrades a hash made with old parameters', async () => {
    await login.execute({ email: 'ADA@example.com ', password: 'right password' });
    expect(started).toEqual([7]);
    expect(accounts.rehashed).toEqual(['current-params:right password']);
  });

  it('fails a wrong password after one real verification', async () => {
    await expect(login.execute({ email: ada.email, password: 'wrong' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(hasher.verifications).toEqual(['real']);
    expect(started).toEqual([]);
  });

  it.each(['nobody@example.com', 'not an email'])(
    'fails %s the same way, after one dummy verification',
    async (email) => {
      await expect(login.execute({ email, password: 'right password' })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
      expect(hasher.verifications).toEqual(['dummy']);
    },
  );
});
