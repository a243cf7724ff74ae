import { Injectable } from '@nestjs/common';
import { Outbox, type OutboxEvent } from '@techtrek/platform';
import type { BadgeCode } from '../domain/badge-catalogue.js';
import {
  BadgeAwardedEvent,
  LevelReachedEvent,
  PracticeDayCountedEvent,
  StreakMilestoneReachedEvent,
  XpAwardedEvent,
  type GamificationEvent,
} from '../domain/gamification.events.js';
import { levelsReached } from '../domain/level-curve.js';
import type { StreakMilestone } from '../domain/streak.js';
import type { XpAppendResult } from './xp-ledger.js';

export interface RewardedAttempt {
  userId: number;
  xp: XpAppendResult;
  badges: readonly { badge: BadgeCode; awardedAt: Date }[];
  streak: {
    current: number;
    milestone?: StreakMilestone;
    /** Set when the pass counted a local day the streak did not have yet. */
    practiceDay?: { localDay: string; timeZone: string };
  };
  at: Date;
}

/**
 * Writes what an attempt changed to the outbox, in its transaction (ADR 0005): every XP entry (the
 * leaderboards consume it), each level reached, each badge and a streak milestone (published for
 * the notifications module's milestone alerts).
 */
@Injectable()
export class GamificationEvents {
  constructor(private readonly outbox: Outbox) {}

  async attemptRewarded(attempt: RewardedAttempt): Promise<void> {
    const events: GamificationEvent[] = [
      ...xpEvents(attempt),
      ...levelsReached(attempt.xp.previousXp, attempt.xp.totalXp).map(
        (level) =>
          new LevelReachedEvent({ userId: attempt.userId, level, totalXp: attempt.xp.totalXp, at: attempt.at }),
      ),
      ...attempt.badges.map(
        ({ badge, awardedAt }) => new BadgeAwardedEvent({ userId: attempt.userId, badge, awardedAt }),
      ),
    ];
    if (attempt.streak.milestone !== undefined) {
      events.push(
        new StreakMilestoneReachedEvent({
          userId: attempt.userId,
          milestone: attempt.streak.milestone,
          currentStreak: attempt.streak.current,
          at: attempt.at,
        }),
      );
    }
    const { practiceDay } = attempt.streak;
    if (practiceDay !== undefined) {
      events.push(
        new PracticeDayCountedEvent({
          userId: attempt.userId,
          ...practiceDay,
          currentStreak: attempt.streak.current,
          at: attempt.at,
        }),
      );
    }
    await this.outbox.recordAll(events.map(asOutboxEvent));
  }
}

/** One per ledger entry, each with the running total after it. */
function xpEvents({ userId, xp }: RewardedAttempt): XpAwardedEvent[] {
  let runningTotal = xp.previousXp;
  return xp.appended.map((entry) => {
    runningTotal += entry.amount;
    return new XpAwardedEvent({
      userId,
      entryId: entry.entryId,
      reason: entry.reason,
      amount: entry.amount,
      totalXp: runningTotal,
      at: entry.createdAt,
    });
  });
}

function asOutboxEvent({ type, ...payload }: GamificationEvent): OutboxEvent {
  return { type, payload };
}
