import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Clock, Transactions } from '@techtrek/platform';
import {
  DEFAULT_PREFERENCES,
  type NotificationPreferences,
} from '../../domain/preferences/notification-preferences.js';
import { reminderSendTime } from '../../domain/reminders/reminder-send-time.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.js';
import { PreferencesRepository, type StoredPreferences } from './preferences.repository.js';

/** The learner's preferences; the defaults (and no scheduled reminder) until they save any or register a device. */
@Injectable()
export class GetPreferencesQuery {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly users: UserDirectory,
  ) {}

  async execute(userId: number): Promise<StoredPreferences> {
    const stored = await this.preferences.find(userId);
    if (stored) return stored;
    const timeZone = (await this.users.findCards([userId])).get(userId)?.timeZone ?? 'UTC';
    return { preferences: DEFAULT_PREFERENCES, timeZone, nextReminderAt: null };
  }
}

/** Replaces the preferences and moves the next reminder to match, in one transaction. */
@Injectable()
export class UpdatePreferencesUseCase {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly scheduler: ReminderScheduler,
    private readonly users: UserDirectory,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(userId: number, preferences: NotificationPreferences): Promise<StoredPreferences> {
    return this.transactions.run(async () => {
      const timeZone = (await this.users.findCards([userId])).get(userId)?.timeZone ?? 'UTC';
      await this.preferences.save(userId, preferences, reminderSendTime(preferences), timeZone);
      await this.scheduler.reschedule(userId, this.clock.now());
      return (await this.preferences.find(userId))!;
    });
  }
}
