import type { EmailAddress } from '../domain/email-address.js';
import type { UserRole } from '../domain/user-role.js';

/** What a user may see about their own account; never the password hash. */
export interface UserProfile {
  id: number;
  email: string;
  username: string;
  role: UserRole;
  xp: number;
  currentStreak: number;
  timezone: string;
  createdAt: Date;
}

export interface UserAccount extends UserProfile {
  passwordHash: string;
}

export interface NewUserAccount {
  email: EmailAddress;
  username: string;
  passwordHash: string;
  role: UserRole;
}

export abstract class UserAccountRepository {
  abstract findByEmail(email: EmailAddress): Promise<UserAccount | undefined>;
  abstract findById(userId: number): Promise<UserAccount | undefined>;
  /** Throws EmailAlreadyRegisteredError when the email is taken, even by a concurrent sign-up. */
  abstract create(account: NewUserAccount): Promise<UserAccount>;
  abstract changeRole(userId: number, role: UserRole): Promise<void>;
  abstract changePasswordHash(userId: number, passwordHash: string): Promise<void>;
  /** Deletes the user row; the schema cascades to every row that belongs to the user. */
  abstract delete(userId: number): Promise<void>;
  abstract updateProfile(
    userId: number,
    changes: { username?: string; timezone?: string },
  ): Promise<UserAccount | undefined>;
}
