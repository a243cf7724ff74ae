import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { runPrepared, Transactions } from '@techtrek/platform';
import { isStoredId } from '@techtrek/platform/kernel';
import { QueryFailedError, type Repository } from 'typeorm';
import {
  UserAccountRepository,
  type NewUserAccount,
  type UserAccount,
} from '../../application/user-account.repository.js';
import { EmailAlreadyRegisteredError, UnsupportedTimeZoneError } from '../../domain/auth.errors.js';
import type { EmailAddress } from '../../domain/email-address.js';
import type { UserRole } from '../../domain/user-role.js';
import { UserOrmEntity } from './user.orm-entity.js';

const UNIQUE_VIOLATION = '23505';

/** A stored streak count past the last local day it stands on is a broken streak: 0. */
const SELECT_ACCOUNT = `
  SELECT user_id AS id, email, username, role, xp_points AS xp,
         CASE WHEN current_streak_through < (now() AT TIME ZONE timezone)::date THEN 0 ELSE current_streak END
           AS "currentStreak",
         timezone, created_at AS "createdAt", password_hash AS "passwordHash"
  FROM users`;

const BY_EMAIL = `${SELECT_ACCOUNT} WHERE email = $1`;
/** PostgreSQL's answer to an unknown time zone. */
const INVALID_PARAMETER_VALUE = '22023';

@Injectable()
export class TypeOrmUserAccountRepository extends UserAccountRepository {
  constructor(
    @InjectRepository(UserOrmEntity) private readonly users: Repository<UserOrmEntity>,
    private readonly transactions: Transactions,
  ) {
    super();
  }

  // Reads are on every sign-in and refresh: plain SQL into the account shape, no entity hydration.
  async findByEmail(email: EmailAddress): Promise<UserAccount | undefined> {
    const [account] = await runPrepared<UserAccount>(this.users.manager.connection, 'auth.account-by-email', BY_EMAIL, [
      email.value,
    ]);
    return account;
  }

  async findById(userId: number): Promise<UserAccount | undefined> {
    if (!isStoredId(userId)) return undefined;
    const [account] = (await this.users.query(`${SELECT_ACCOUNT} WHERE user_id = $1`, [userId])) as UserAccount[];
    return account;
  }

  /** In the caller's transaction, so what it publishes about the new account commits with it. */
  async create(account: NewUserAccount): Promise<UserAccount> {
    const { manager } = this.transactions;
    try {
      const record = await manager.save(
        manager.create(UserOrmEntity, {
          email: account.email.value,
          username: account.username,
          passwordHash: account.passwordHash,
          role: account.role,
        }),
      );
      const [created] = (await manager.query(`${SELECT_ACCOUNT} WHERE user_id = $1`, [record.id])) as UserAccount[];
      return created!;
    } catch (error) {
      const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
      if (code === UNIQUE_VIOLATION) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  async changeRole(userId: number, role: UserRole): Promise<void> {
    await this.users.update({ id: userId }, { role });
  }

  async changePasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash });
  }

  /** In the caller's transaction, so what it publishes about the erasure commits with it. */
  async delete(userId: number): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM users WHERE user_id = $1`, [userId]);
  }

  async updateProfile(
    userId: number,
    changes: { username?: string; timezone?: string },
  ): Promise<UserAccount | undefined> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (changes.timezone !== undefined) await this.assertDatabaseKnows(changes.timezone);
    // Through the caller's transaction, if any: what it publishes about the change commits with it.
    const { manager } = this.transactions;
    if (Object.keys(defined).length > 0) await manager.getRepository(UserOrmEntity).update({ id: userId }, defined);
    const [account] = (await manager.query(`${SELECT_ACCOUNT} WHERE user_id = $1`, [userId])) as UserAccount[];
    return account;
  }

  /**
   * Local days are computed in SQL too (attempts, the profile's streak), so a zone must be known to
   * PostgreSQL's time zone database as well as to the runtime's, which can differ in version.
   */
  private async assertDatabaseKnows(timeZone: string): Promise<void> {
    try {
      await this.users.query(`SELECT now() AT TIME ZONE $1`, [timeZone]);
    } catch (error) {
      const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
      if (code === INVALID_PARAMETER_VALUE) throw new UnsupportedTimeZoneError(timeZone);
      throw error;
    }
  }
}
