import { describe, expect, it } from '@jest/globals';
import { decideRefresh, type RefreshTokenState } from './refresh-token-state.js';

const now = new Date('2026-11-25T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const fresh: RefreshTokenState = {
  expiresAt: new Date('2026-12-25T12:00:00Z'),
  usedAt: null,
  sessionRevoked: false,
  hasSuccessor: false,
};

describe('decideRefresh', () => {
  it('rotates an unused, unexpired token of a live session', () => {
    expect(decideRefresh(fresh, now, 10)).toEqual({ action: 'rotate' });
  });

  it('rejects unknown tokens, expired ones, and tokens of a revoked session', () => {
    expect(decideRefresh(undefined, now, 10)).toEqual({ action: 'reject' });
    expect(decideRefresh({ ...fresh, expiresAt: secondsAgo(1) }, now, 10)).toEqual({ action: 'reject' });
    expect(decideRefresh({ ...fresh, sessionRevoked: true }, now, 10)).toEqual({ action: 'reject' });
  });

  it('replays the successor within the grace window, up to its last second', () => {
    const used = { ...fresh, hasSuccessor: true };
    expect(decideRefresh({ ...used, usedAt: secondsAgo(0) }, now, 10)).toEqual({ action: 'replay-successor' });
    expect(decideRefresh({ ...used, usedAt: secondsAgo(10) }, now, 10)).toEqual({ action: 'replay-successor' });
  });

  it('revokes the session when a used token comes back after the window', () => {
    const used = { ...fresh, hasSuccessor: true, usedAt: secondsAgo(11) };
    expect(decideRefresh(used, now, 10)).toEqual({ action: 'revoke-session', reason: 'reuse' });
  });

  it('treats any reuse as theft when the grace window is zero', () => {
    const used = { ...fresh, hasSuccessor: true, usedAt: secondsAgo(0.5) };
    expect(decideRefresh(used, now, 0)).toEqual({ action: 'revoke-session', reason: 'reuse' });
  });
});
