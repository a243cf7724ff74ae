import type { BadgeCode } from './badge-catalogue.js';
import type { StreakMilestone } from './streak.js';
import type { XpReason } from './xp-policy.js';

/*
 * What gamification tells the rest of the system, written to the outbox in the transaction that
 * made it true (ADR 0005). Plain data: instants as ISO 8601 strings, so the payload read back
 * from jsonb equals the one written, and `type` names the event for the relay's job map.
 */
export const GAMIFICATION_EVENT_TYPES = {
  xpAwarded: 'gamification.xp_awarded',
  levelReached: 'gamification.level_reached',
  badgeAwarded: 'gamification.badge_awarded',
  streakMilestoneReached: 'gamification.streak_milestone_reached',
  practiceDayCounted: 'gamification.practice_day_counted',
} as const;

export class XpAwardedEvent {
  readonly type = GAMIFICATION_EVENT_TYPES.xpAwarded;
  readonly userId: number;
  /** The ledger row's id: one leaderboard update per entry, however often the event is relayed. */
  readonly entryId?: number;
  readonly reason: XpReason;
  readonly amount: number;
  /** The learner's total after this entry. */
  readonly totalXp: number;
  readonly at: string;

  constructor(props: {
    userId: number;
    entryId?: number;
    reason: XpReason;
    amount: number;
    totalXp: number;
    at: Date;
  }) {
    this.userId = props.userId;
    if (props.entryId !== undefined) this.entryId = props.entryId;
    this.reason = props.reason;
    this.amount = props.amount;
    this.totalXp = props.totalXp;
    this.at = props.at.toISOString();
  }
}

export class LevelReachedEvent {
  readonly type = GAMIFICATION_EVENT_TYPES.levelReached;
  readonly userId: number;
  readonly level: number;
  readonly totalXp: number;
  readonly at: string;

  constructor(props: { userId: number; level: number; totalXp: number; at: Date }) {
    this.userId = props.userId;
    this.level = props.level;
    this.totalXp = props.totalXp;
    this.at = props.at.toISOString();
  }
}

export class BadgeAwardedEvent {
  readonly type = GAMIFICATION_EVENT_TYPES.badgeAwarded;
  readonly userId: number;
  readonly badge: BadgeCode;
  readonly awardedAt: string;

  constructor(props: { userId: number; badge: BadgeCode; awardedAt: Date }) {
    this.userId = props.userId;
    this.badge = props.badge;
    this.awardedAt = props.awardedAt.toISOString();
  }
}

export class StreakMilestoneReachedEvent {
  readonly type = GAMIFICATION_EVENT_TYPES.streakMilestoneReached;
  readonly userId: number;
  readonly milestone: StreakMilestone;
  /** The streak count when reached: above the milestone when a late pass joined two runs. */
  readonly currentStreak: number;
  readonly at: string;

  constructor(props: { userId: number; milestone: StreakMilestone; currentStreak: number; at: Date }) {
    this.userId = props.userId;
    this.milestone = props.milestone;
    this.currentStreak = props.currentStreak;
    this.at = props.at.toISOString();
  }
}

/**
 * A pass counted a local day the streak did not have yet (usually today's first pass): the day is
 * practised, so the notifications module drops that day's reminder.
 */
export class PracticeDayCountedEvent {
  readonly type = GAMIFICATION_EVENT_TYPES.practiceDayCounted;
  readonly userId: number;
  /** The pass's calendar date 'YYYY-MM-DD' in `timeZone`. */
  readonly localDay: string;
  readonly timeZone: string;
  /** The streak after the pass. */
  readonly currentStreak: number;
  readonly at: string;

  constructor(props: { userId: number; localDay: string; timeZone: string; currentStreak: number; at: Date }) {
    this.userId = props.userId;
    this.localDay = props.localDay;
    this.timeZone = props.timeZone;
    this.currentStreak = props.currentStreak;
    this.at = props.at.toISOString();
  }
}

export type GamificationEvent =
  XpAwardedEvent | LevelReachedEvent | BadgeAwardedEvent | StreakMilestoneReachedEvent | PracticeDayCountedEvent;
