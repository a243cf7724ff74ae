import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { nextReminderDay } from '../../domain/reminders/reminder-day.js';
import { ReminderScheduleStore } from './reminder-schedule.store.js';

/**
 * Keeps `reminder_due_on/at` right whenever what they follow changes (preferences, zone, a pass,
 * a first device): the next reminder is today's if its time is ahead and the day is neither
 * practised nor claimed, otherwise tomorrow's. The minute tick moves due schedules on by itself.
 */
@Injectable()
export class ReminderScheduler {
  constructor(
    private readonly store: ReminderScheduleStore,
    private readonly transactions: Transactions,
  ) {}

  async reschedule(userId: number, now: Date): Promise<void> {
    await this.transactions.run(async () => {
      const facts = await this.store.lockFacts(userId, now);
      if (!facts) return;
      if (!facts.hasSendTime) return this.store.setDue(userId, null);
      return this.store.setDue(userId, nextReminderDay(facts) === 'today' ? facts.today : facts.tomorrow);
    });
  }

  /** A pass counted `localDay`: today's reminder, if that is the day, has no point any more. */
  async practised(userId: number, localDay: string, now: Date): Promise<void> {
    await this.transactions.run(async () => {
      await this.store.recordPractice(userId, localDay);
      await this.reschedule(userId, now);
    });
  }

  /** The profile's zone changed: the schedule follows it. */
  async movedTo(userId: number, timeZone: string, now: Date): Promise<void> {
    await this.transactions.run(async () => {
      if (await this.store.copyTimeZone(userId, timeZone)) await this.reschedule(userId, now);
    });
  }
}
