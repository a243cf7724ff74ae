import { describe, expect, it } from '@jest/globals';
import { checkResetCode, type StoredResetCode } from './password-reset.js';

const now = new Date('2026-11-25T12:00:00Z');
const live: StoredResetCode = {
  codeHash: Buffer.alloc(32),
  expiresAt: new Date(now.getTime() + 60_000),
  attemptsLeft: 5,
};

describe('checkResetCode', () => {
  it('accepts the right code while it is live', () => {
    expect(checkResetCode(live, true, now)).toBe('accept');
  });

  it('counts a wrong guess against the tries', () => {
    expect(checkResetCode(live, false, now)).toBe('reject-and-count');
  });

  it('rejects without counting when there is no code, it expired, or the tries are used up', () => {
    expect(checkResetCode(undefined, true, now)).toBe('reject');
    expect(checkResetCode({ ...live, expiresAt: now }, true, now)).toBe('reject');
    expect(checkResetCode({ ...live, attemptsLeft: 0 }, true, now)).toBe('reject');
  });
});
