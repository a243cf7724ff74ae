/** What the store knows about a presented refresh token. */
export interface RefreshTokenState {
  expiresAt: Date;
  usedAt: Date | null;
  sessionRevoked: boolean;
  hasSuccessor: boolean;
}

export type RefreshDecision =
  | { action: 'rotate' }
  | { action: 'replay-successor' }
  | { action: 'revoke-session'; reason: 'reuse' }
  | { action: 'reject' };

/**
 * Rotation with a grace window. A token is used once; presented again within the window (parallel
 * refreshes from one app) it yields the pair already issued; presented later, someone else may hold
 * a copy, so the whole session dies (OAuth 2.0 Security BCP, refresh token reuse detection).
 */
export function decideRefresh(state: RefreshTokenState | undefined, now: Date, graceSeconds: number): RefreshDecision {
  if (!state || state.sessionRevoked) return { action: 'reject' };
  if (state.usedAt === null) return state.expiresAt > now ? { action: 'rotate' } : { action: 'reject' };
  const sinceUse = now.getTime() - state.usedAt.getTime();
  if (sinceUse <= graceSeconds * 1000 && state.hasSuccessor) return { action: 'replay-successor' };
  return { action: 'revoke-session', reason: 'reuse' };
}
