import { beforeEach, describe, expect, it } from '@jest/globals';
import type { EmailAddress } from '../domain/email-address.js';
import { InvalidEmailAddressError } from '../domain/email-address.js';
import type { UserRole } from '../domain/user-role.js';
import { EnsureAdminAccountUseCase } from './ensure-admin-account.use-case.js';
import { PasswordHasher } from './password-hasher.js';
import { UserAccountRepository, type NewUserAccount, type UserAccount } from './user-account.repository.js';

type SeededAccount = Pick<UserAccount, 'id' | 'email' | 'username' | 'role' | 'passwordHash'>;

const completeAccount = (account: SeededAccount): UserAccount => ({
  ...account,
  xp: 0,
  currentStreak: 0,
  timezone: 'UTC',
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

class InMemoryUserAccounts extends UserAccountRepository {
  readonly accounts: UserAccount[] = [];
  readonly lookups: string[] = [];
  writes = 0;

  async findByEmail(email: EmailAddress): Promise<UserAccount | undefined> {
    this.lookups.push(email.value);
    const found = this.accounts.find((account) => account.email === email.value);
    return found && { ...found };
  }

  async findById(userId: number): Promise<UserAccount | undefined> {
    const found = this.accounts.find((account) => account.id === userId);
    return found && { ...found };
  }

  async create(account: NewUserAccount): Promise<UserAccount> {
    this.writes += 1;
    const stored = completeAccount({ ...account, email: account.email.value, id: this.accounts.length + 1 });
    this.accounts.push(stored);
    return { ...stored };
  }

  async changeRole(userId: number, role: UserRole): Promise<void> {
    this.writes += 1;
    const account = this.accounts.find((candidate) => candidate.id === userId);
    if (!account) throw new Error(`no account ${userId}`);
    account.role = role;
  }

  async changePasswordHash(): Promise<void> {
    this.writes += 1;
  }

  async delete(): Promise<void> {
    this.writes += 1;
  }

  async updateProfile(): Promise<UserAccount | undefined> {
    this.writes += 1;
    return undefined;
  }

  seed(account: SeededAccount): void {
    this.accounts.push(completeAccount(account));
  }
}

class ReversingPasswordHasher extends PasswordHasher {
  calls = 0;

  async hash(password: string): Promise<string> {
    this.calls += 1;
    return `hashed:${[...password].reverse().join('')}`;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return hash === (await this.hash(password));
  }

  needsRehash(): boolean {
    return false;
  }

  async verifyAgainstDummy(): Promise<void> {}
}

describe('EnsureAdminAccountUseCase', () => {
  let accounts: InMemoryUserAccounts;
  let hasher: ReversingPasswordHasher;
  let useCase: EnsureAdminAccountUseCase;

  beforeEach(() => {
    accounts = new InMemoryUserAccounts();
    hasher = new ReversingPasswordHasher();
    useCase = new EnsureAdminAccountUseCase(accounts, hasher);
  });

  it('creates the admin when no account has the email, storing only the hash', async () => {
    const outcome = await useCase.execute({ email: 'boss@techtrek.dev', password: 'correct horse battery' });

    expect(outcome).toBe('created');
    expect(accounts.accounts).toMatchObject([
      {
        id: 1,
        email: 'boss@techtrek.dev',
        username: 'admin',
        role: 'admin',
        passwordHash: 'hashed:yrettab esroh tcerroc',
      },
    ]);
    expect(JSON.stringify(accounts.accounts)).not.toContain('correct horse battery');
  });

  it('leaves an existing admin unchanged: no writes, no hashing', async () => {
    accounts.seed({ id: 7, email: 'boss@techtrek.dev', username: 'boss', role: 'admin', passwordHash: 'old-hash' });

    const outcome = await useCase.execute({ email: 'boss@techtrek.dev', password: 'a brand new password' });

    expect(outcome).toBe('unchanged');
    expect(accounts.writes).toBe(0);
    expect(hasher.calls).toBe(0);
    expect(accounts.accounts).toMatchObject([
      { id: 7, email: 'boss@techtrek.dev', username: 'boss', role: 'admin', passwordHash: 'old-hash' },
    ]);
  });

  it('promotes an existing learner without touching their password or username', async () => {
    accounts.seed({
      id: 3,
      email: 'boss@techtrek.dev',
      username: 'bossy',
      role: 'learner',
      passwordHash: 'their-hash',
    });

    const outcome = await useCase.execute({ email: 'boss@techtrek.dev', password: 'a brand new password' });

    expect(outcome).toBe('promoted');
    expect(hasher.calls).toBe(0);
    expect(accounts.accounts).toMatchObject([
      { id: 3, email: 'boss@techtrek.dev', username: 'bossy', role: 'admin', passwordHash: 'their-hash' },
    ]);
  });

  it('normalises the email before looking it up, so a differently written address finds the account', async () => {
    accounts.seed({
      id: 3,
      email: 'boss@techtrek.dev',
      username: 'bossy',
      role: 'learner',
      passwordHash: 'their-hash',
    });

    const outcome = await useCase.execute({ email: '  Boss@TechTrek.DEV ', password: 'a brand new password' });

    expect(outcome).toBe('promoted');
    expect(accounts.lookups).toEqual(['boss@techtrek.dev']);
    expect(accounts.accounts).toHaveLength(1);
  });

  it('stores a newly created admin under the normalised email', async () => {
    await useCase.execute({ email: ' New.Boss@TechTrek.dev', password: 'correct horse battery' });

    expect(accounts.accounts.map((account) => account.email)).toEqual(['new.boss@techtrek.dev']);
  });

  it('refuses an invalid email before touching the repository', async () => {
    await expect(useCase.execute({ email: 'not-an-email', password: 'correct horse battery' })).rejects.toBeInstanceOf(
      InvalidEmailAddressError,
    );
    expect(accounts.lookups).toEqual([]);
    expect(accounts.writes).toBe(0);
  });
});
