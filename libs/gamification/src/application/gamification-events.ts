import { Injectable } from '@nestjs/common';
import { Outbox } from '@techtrek/platform';
import { XpAwardedEvent } from '../domain/gamification.events.js';
import type { XpAppendResult } from './xp-ledger.js';

export interface RewardedAttempt {
  userId: number;
  xp: XpAppendResult;
  at: Date;
}

/**
 * Writes what gamification tells the rest of the system to the outbox, in the transaction that
 * made it true (ADR 0005): today, every XP entry, which moves the leaderboards.
 */
@Injectable()
export class GamificationEvents {
  constructor(private readonly outbox: Outbox) {}

  async attemptRewarded({ userId, xp }: RewardedAttempt): Promise<void> {
    let runningTotal = xp.previousXp;
    const events = xp.appended.map((entry) => {
      runningTotal += entry.amount;
      const { type, ...payload } = new XpAwardedEvent({
        userId,
        entryId: entry.entryId,
        reason: entry.reason,
        amount: entry.amount,
        totalXp: runningTotal,
        at: entry.createdAt,
      });
      return { type, payload };
    });
    await this.outbox.recordAll(events);
  }
}
