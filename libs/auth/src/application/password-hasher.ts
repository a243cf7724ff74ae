/** Password hashing as a port: the algorithm and its cost live in infrastructure. */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters than today's: rehash on the next login. */
  abstract needsRehash(hash: string): boolean;
  /** Spends the time of a real verification, so unknown emails answer as slowly as wrong passwords. */
  abstract verifyAgainstDummy(password: string): Promise<void>;
}
