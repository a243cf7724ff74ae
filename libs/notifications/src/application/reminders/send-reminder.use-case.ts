import { Injectable } from '@nestjs/common';
import { StreakStatusQuery } from '@techtrek/gamification';
import { Clock, Transactions } from '@techtrek/platform';
import { decideReminder } from '../../domain/reminders/reminder-decision.js';
import { reminderText } from '../../domain/reminders/reminder-text.js';
import { NotificationSender } from '../delivery/notification-sender.js';
import { ReminderClaims } from './reminder-claims.js';
import type { ReminderClaim } from './reminder-jobs.js';

/** The dedupe key of a day's reminder notification: a retried job never makes a second one. */
export const reminderDedupeKey = ({ userId, localDate }: ReminderClaim): string => `reminder-${userId}-${localDate}`;

/**
 * Sends a claimed reminder, after checking again what may have changed since the claim (a pass,
 * reminders turned off, quiet hours, a day gone by): the notification and the claim's outcome
 * commit together, so a job run twice finds the outcome and does nothing.
 */
@Injectable()
export class SendReminderUseCase {
  constructor(
    private readonly claims: ReminderClaims,
    private readonly streaks: StreakStatusQuery,
    private readonly sender: NotificationSender,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(claim: ReminderClaim): Promise<string | undefined> {
    return this.transactions.run(async () => {
      const found = await this.claims.lockForSend(claim, this.clock.now());
      if (!found || found.outcome !== null) return found?.outcome ?? undefined;
      const streak = await this.streaks.of(claim.userId, found.timeZone);
      const decision = decideReminder({
        claimedFor: claim.localDate,
        today: found.today,
        timeNow: found.timeNow,
        enabled: found.enabled,
        practisedToday: streak.activeToday || (found.practisedOn !== null && found.practisedOn >= claim.localDate),
        quietHours: found.quietHours,
      });
      if (decision.outcome !== 'sent') {
        await this.claims.recordOutcome(claim, decision.outcome);
        return decision.outcome;
      }
      const deliverAt =
        decision.deferredTo === undefined
          ? undefined
          : await this.claims.instantOf(claim.localDate, decision.deferredTo, found.timeZone);
      const dedupeKey = reminderDedupeKey(claim);
      await this.sender.send([
        {
          userId: claim.userId,
          kind: 'daily_reminder',
          ...reminderText(streak),
          data: { type: 'daily_reminder', localDate: claim.localDate },
          dedupeKey,
          ...(deliverAt ? { deliverAt } : {}),
        },
      ]);
      await this.claims.recordOutcome(claim, 'sent', dedupeKey);
      return 'sent';
    });
  }
}
