import { Injectable } from '@nestjs/common';
import { DomainError } from '@techtrek/platform/kernel';
import { AccountNotFoundError } from '../domain/auth.errors.js';
import type { UserRole } from '../domain/user-role.js';
import { toProfile } from './auth-result.js';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository } from './session.repository.js';
import { UserAccountRepository, type UserProfile } from './user-account.repository.js';

export class CannotChangeOwnRoleError extends DomainError {
  readonly code = 'AUTH.CANNOT_CHANGE_OWN_ROLE';
  readonly kind = 'forbidden';

  constructor() {
    super('Admins cannot change their own role; ask another admin');
  }
}

export interface ChangeRoleInput {
  actingUserId: number;
  targetUserId: number;
  role: UserRole;
}

/**
 * Promotes or demotes another user. Their access tokens carry the old role, so every session's
 * version is bumped: those tokens die at once on every instance, and the next refresh issues
 * tokens with the new role (no need to sign in again).
 */
@Injectable()
export class ChangeRoleUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
  ) {}

  async execute(input: ChangeRoleInput): Promise<UserProfile> {
    if (input.actingUserId === input.targetUserId) throw new CannotChangeOwnRoleError();
    const account = await this.accounts.findById(input.targetUserId);
    if (!account) throw new AccountNotFoundError();
    if (account.role === input.role) return toProfile(account);
    await this.accounts.changeRole(account.id, input.role);
    const bumped = await this.sessions.bumpAllOfUser(account.id);
    await this.sessionCache.rememberAll(bumped);
    return { ...toProfile(account), role: input.role };
  }
}
