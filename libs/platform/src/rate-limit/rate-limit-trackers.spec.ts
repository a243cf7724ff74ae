import { describe, expect, it } from '@jest/globals';
import { emailInBody, emailTracker, ipTracker, userOrIpTracker } from './rate-limit-trackers.js';

describe('rate-limit trackers', () => {
  it('tracks a signed-in user by id, whatever the address', () => {
    expect(userOrIpTracker({ ip: '10.0.0.1', user: { userId: 42, role: 'learner' } })).toBe('user:42');
    expect(userOrIpTracker({ ip: '10.0.0.2', user: { id: '42' } })).toBe('user:42');
  });

  it('falls back to the address without a usable user id', () => {
    expect(userOrIpTracker({ ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(userOrIpTracker({ ip: '10.0.0.1', user: { userId: '' } })).toBe('ip:10.0.0.1');
    expect(userOrIpTracker({ ip: '10.0.0.1', user: false })).toBe('ip:10.0.0.1');
  });

  it('groups IPv6 addresses by /64 and unwraps IPv4-mapped ones', () => {
    expect(ipTracker({ ip: '2001:db8:1:2:aaaa::1' })).toBe(ipTracker({ ip: '2001:db8:1:2:bbbb::9' }));
    expect(ipTracker({ ip: '::ffff:192.0.2.7' })).toBe('ip:192.0.2.7');
  });

  it('reads the body email trimmed and lower-cased', () => {
    expect(emailInBody({ email: '  Ada@Example.COM ' })).toBe('ada@example.com');
    expect(emailTracker({ body: { email: 'Ada@example.com' } })).toBe(
      emailTracker({ body: { email: 'ada@example.com' } }),
    );
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['an array', [{ email: 'ada@example.com' }]],
    ['a string body', 'ada@example.com'],
    ['a number email', { email: 42 }],
    ['an empty email', { email: '   ' }],
    ['no email', { password: 'x' }],
  ])('finds no email in %s', (_label, body) => {
    expect(emailInBody(body)).toBeUndefined();
  });
});
