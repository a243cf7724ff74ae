import type { UserProfile } from './user-account.repository.js';

/** What sign-up, login and refresh answer: the account and a fresh token pair. */
export interface AuthResult {
  user: UserProfile;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export function toProfile<T extends UserProfile>(account: T): UserProfile {
  const { id, email, username, role, xp, currentStreak, timezone, createdAt } = account;
  return { id, email, username, role, xp, currentStreak, timezone, createdAt };
}
