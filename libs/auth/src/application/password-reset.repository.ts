import type { StoredResetCode } from '../domain/password-reset.js';

/** Writes inside the transaction that holds a user's reset code. */
export interface ResetCodeTransaction {
  spendAttempt(): Promise<void>;
  consume(): Promise<void>;
}

export abstract class PasswordResetRepository {
  /** Replaces any earlier code of the user. */
  abstract store(userId: number, code: StoredResetCode): Promise<void>;

  /** Runs `work` holding a lock on the user's code, so parallel guesses are counted one by one. */
  abstract withLockedCode<T>(
    userId: number,
    work: (code: StoredResetCode | undefined, transaction: ResetCodeTransaction) => Promise<T>,
  ): Promise<T>;
}

/** Keyed hashing of short codes: a leaked table alone does not let anyone try all million codes. */
export abstract class ResetCodeHasher {
  abstract hash(userId: number, code: string): Buffer;
  abstract matches(userId: number, code: string, codeHash: Buffer): boolean;
}
