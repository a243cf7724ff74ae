import { describe, expect, it } from '@jest/globals';
import { callerOf, storageKeyFor } from './idempotency-scope.js';

describe('callerOf', () => {
  it('is the signed-in user, as the auth guard leaves the principal', () => {
    expect(callerOf({ ip: '10.0.0.1', user: { userId: 42, role: 'learner', sessionId: 's' } })).toBe('user:42');
  });

  it('is the client address on an anonymous route', () => {
    expect(callerOf({ ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(callerOf({ ip: '10.0.0.1', user: { userId: Number.NaN } })).toBe('ip:10.0.0.1');
  });
});

describe('storageKeyFor', () => {
  const scope = { method: 'POST', route: '/feedback', caller: 'user:1', key: 'k-1' };

  it('is stable and hides the caller and key', () => {
    expect(storageKeyFor(scope)).toBe(storageKeyFor({ ...scope }));
    expect(storageKeyFor(scope)).toMatch(/^idempotency:[\w-]{43}$/);
    expect(storageKeyFor(scope)).not.toContain('user');
  });

  it.each([
    ['caller', { caller: 'user:2' }],
    ['route', { route: '/progress' }],
    ['method', { method: 'PUT' }],
    ['key', { key: 'k-2' }],
  ])('differs with the %s', (_label, change) => {
    expect(storageKeyFor({ ...scope, ...change })).not.toBe(storageKeyFor(scope));
  });

  it('cannot be forged by moving a delimiter between the caller and the key', () => {
    expect(storageKeyFor({ ...scope, caller: 'user:1:a', key: 'b' })).not.toBe(
      storageKeyFor({ ...scope, caller: 'user:1', key: 'a:b' }),
    );
  });
});
