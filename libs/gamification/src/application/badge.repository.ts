import type { BadgeCode } from '../domain/badge-catalogue.js';

export interface HeldBadge {
  badge: BadgeCode;
  awardedAt: Date;
}

export abstract class BadgeRepository {
  /** Oldest first. */
  abstract heldBy(userId: number): Promise<HeldBadge[]>;
  /** Awards what the learner does not hold yet (the unique key decides) and returns only those. */
  abstract award(userId: number, badges: readonly BadgeCode[], at: Date): Promise<HeldBadge[]>;
}
