import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { PasswordHasher } from '../../application/password-hasher.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. `Algorithm.Argon2id` is a const enum (2). */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  needsRehash(passwordHash: string): boolean {
    try {
      const current = parseOptions(passwordHash);
      return (
        !passwordHash.startsWith('$argon2id$') ||
        current.memoryCost !== ARGON2ID.memoryCost ||
        current.timeCost !== ARGON2ID.timeCost ||
        current.parallelism !== ARGON2ID.parallelism
      );
    } catch {
      return true;
    }
  }

  async verifyAgainstDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash('a password nobody has, for timing only');
    await this.verify(await this.dummyHash, password);
  }
}
