export interface SessionState {
  sessionId: string;
  userId: number;
  version: number;
  revoked: boolean;
}

export interface NewRefreshToken {
  hash: Buffer;
  expiresAt: Date;
}

export interface LockedRefreshToken {
  sessionId: string;
  userId: number;
  sessionVersion: number;
  sessionRevoked: boolean;
  expiresAt: Date;
  usedAt: Date | null;
  successorCiphertext: Buffer | null;
}

/** The writes one refresh may make, all in the transaction that holds the token's lock. */
export interface RefreshTransaction {
  markUsed(successorCiphertext: Buffer): Promise<void>;
  addRefreshToken(token: NewRefreshToken): Promise<void>;
  revokeSession(reason: string): Promise<SessionState>;
}

export abstract class SessionRepository {
  /** A new signed-in device with its first refresh token. */
  abstract start(userId: number, refreshToken: NewRefreshToken): Promise<SessionState>;

  /** Runs `work` holding a row lock on the token, so parallel refreshes of one token queue up. */
  abstract withLockedRefreshToken<T>(
    tokenHash: Buffer,
    work: (token: LockedRefreshToken | undefined, transaction: RefreshTransaction) => Promise<T>,
  ): Promise<T>;

  abstract find(sessionId: string): Promise<SessionState | undefined>;

  /** Revokes and bumps the version, so access tokens of the session die at once. */
  abstract revoke(sessionId: string, reason: string): Promise<SessionState | undefined>;

  /** Bumps the version of every live session: access tokens die, refresh tokens still work. */
  abstract bumpAllOfUser(userId: number): Promise<SessionState[]>;

  /** Revokes every live session of a user, except one when given (password change). */
  abstract revokeAllOfUser(userId: number, reason: string, exceptSessionId?: string): Promise<SessionState[]>;
}
