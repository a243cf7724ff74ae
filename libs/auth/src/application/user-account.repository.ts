import type { EmailAddress } from '../domain/email-address.js';
import type { UserRole } from '../domain/user-role.js';

export interface UserAccount {
  id: number;
  email: string;
  username: string;
  role: UserRole;
}

export interface NewUserAccount {
  email: EmailAddress;
  username: string;
  passwordHash: string;
  role: UserRole;
}

export abstract class UserAccountRepository {
  abstract findByEmail(email: EmailAddress): Promise<UserAccount | undefined>;
  abstract create(account: NewUserAccount): Promise<UserAccount>;
  abstract changeRole(userId: number, role: UserRole): Promise<void>;
}
