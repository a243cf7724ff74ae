import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { milestoneText, type Milestone } from '../../domain/milestones/milestone-text.js';
import { NotificationSender } from '../delivery/notification-sender.js';
import { PreferencesRepository } from '../preferences/preferences.repository.js';

/**
 * Tells a learner about a badge, a level or a streak milestone, unless they turned milestone
 * alerts off. `dedupeKey` comes from the event (its outbox id), so an event relayed twice alerts once.
 */
@Injectable()
export class MilestoneAlerts {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly sender: NotificationSender,
    private readonly transactions: Transactions,
  ) {}

  /** Whether an alert was created now. */
  async notify(userId: number, milestone: Milestone, dedupeKey: string): Promise<boolean> {
    return this.transactions.run(async () => {
      if (!(await this.preferences.milestoneAlertsOn(userId))) return false;
      const ids = await this.sender.send([{ userId, kind: 'milestone', ...milestoneText(milestone), dedupeKey }]);
      return ids.length > 0;
    });
  }
}
