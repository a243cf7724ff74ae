import { Injectable, Logger } from '@nestjs/common';
import { UserDirectory } from '@techtrek/auth';
import { Clock, JobHandler } from '@techtrek/platform';
import type { ReminderClaim } from '../../application/reminders/reminder-jobs.js';
import { ReminderScheduler } from '../../application/reminders/reminder-scheduler.js';
import { RunReminderTickUseCase } from '../../application/reminders/reminder-tick.use-case.js';
import { SendReminderUseCase } from '../../application/reminders/send-reminder.use-case.js';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The minute tick's job. */
@Injectable()
export class ReminderTickJobHandler extends JobHandler {
  private readonly logger = new Logger('ReminderTick');

  constructor(private readonly tick: RunReminderTickUseCase) {
    super();
  }

  async handle(): Promise<void> {
    const report = await this.tick.execute();
    if (report.due > 0 || report.requeued > 0) {
      this.logger.log(`Reminders: ${report.due} due, ${report.claimed} claimed, ${report.requeued} queued again`);
    }
  }
}

/** Sends one claimed reminder (or records why not). */
@Injectable()
export class SendReminderJobHandler extends JobHandler<ReminderClaim> {
  constructor(private readonly send: SendReminderUseCase) {
    super();
  }

  async handle(payload: ReminderClaim): Promise<void> {
    if (!Number.isInteger(payload.userId) || !LOCAL_DATE.test(String(payload.localDate))) {
      throw new Error(`Malformed reminder job: ${JSON.stringify(payload)}`);
    }
    await this.send.execute(payload);
  }
}

/** `gamification.practice_day_counted`: the day is practised; its reminder, if still ahead, goes. */
@Injectable()
export class PracticeDayJobHandler extends JobHandler<{ userId: number; localDay: string }> {
  constructor(
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(payload: { userId: number; localDay: string }): Promise<void> {
    if (!Number.isInteger(payload.userId) || !LOCAL_DATE.test(String(payload.localDay))) {
      throw new Error(`Malformed practice day: ${JSON.stringify(payload)}`);
    }
    await this.scheduler.practised(payload.userId, payload.localDay, this.clock.now());
  }
}

/**
 * `auth.time_zone_changed`: the schedule follows the profile's zone. Read from the profile, not
 * the event, so two changes relayed out of order still end on the latest.
 */
@Injectable()
export class TimeZoneChangedJobHandler extends JobHandler<{ userId: number }> {
  constructor(
    private readonly scheduler: ReminderScheduler,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(payload: { userId: number }): Promise<void> {
    if (!Number.isInteger(payload.userId)) throw new Error(`Malformed zone change: ${JSON.stringify(payload)}`);
    const card = (await this.users.findCards([payload.userId])).get(payload.userId);
    if (card) await this.scheduler.movedTo(payload.userId, card.timeZone, this.clock.now());
  }
}
