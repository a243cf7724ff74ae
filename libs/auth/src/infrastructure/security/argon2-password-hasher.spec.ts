import { describe, expect, it } from '@jest/globals';
import { hash } from '@node-rs/argon2';
import { Argon2PasswordHasher } from './argon2-password-hasher.js';

describe('Argon2PasswordHasher', () => {
  const hasher = new Argon2PasswordHasher();

  it('hashes with argon2id and verifies the password it hashed, only that one', async () => {
    const stored = await hasher.hash('correct horse battery staple');

    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('answers false, not an error, for a stored value that is not a hash', async () => {
    await expect(hasher.verify('not a hash', 'anything')).resolves.toBe(false);
  });

  it('keeps a hash made with the current parameters', async () => {
    expect(hasher.needsRehash(await hasher.hash('correct horse battery staple'))).toBe(false);
  });

  it.each([
    ['less memory', { memoryCost: 8_192, timeCost: 2, parallelism: 1 }],
    ['fewer passes', { memoryCost: 19_456, timeCost: 1, parallelism: 1 }],
    ['more lanes', { memoryCost: 19_456, timeCost: 2, parallelism: 2 }],
  ])('asks to rehash a hash made with %s', async (_label, parameters) => {
    const older = await hash('correct horse battery staple', { algorithm: 2, ...parameters });

    expect(hasher.needsRehash(older)).toBe(true);
  });

  it('asks to rehash argon2i, bcrypt or anything unreadable', async () => {
    const argon2i = await hash('correct horse battery staple', { algorithm: 1, memoryCost: 19_456, timeCost: 2 });

    expect(hasher.needsRehash(argon2i)).toBe(true);
    expect(hasher.needsRehash('$2b$12$abcdefghijklmnopqrstuuN0nF3cBX8rH2xC4y2eW1j5Yb4vY3t6')).toBe(true);
    expect(hasher.needsRehash('')).toBe(true);
  });
});
