import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';
import type { Environment } from '@techtrek/platform';
import { REMINDER_TICK_JOB, REMINDER_TICK_SCHEDULER_ID } from '../../application/reminders/reminder-jobs.js';

/**
 * Keeps the minute tick scheduled. Every worker upserts the same scheduler id, so however many
 * run, BullMQ makes one tick job per minute; a tick that misses its minute (all workers down) is
 * caught up by the next one, which claims everything due by then.
 */
@Injectable()
export class ReminderTickScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReminderTick');

  constructor(
    @InjectQueue(REMINDER_TICK_JOB.queue) private readonly queue: Queue,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('REMINDER_TICK_ENABLED', { infer: true })) return;
    try {
      await this.queue.upsertJobScheduler(
        REMINDER_TICK_SCHEDULER_ID,
        { pattern: '* * * * *' },
        { name: REMINDER_TICK_JOB.job, data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
      );
    } catch (error) {
      // Another worker keeps it, or Redis is back soon: the next start upserts it again.
      this.logger.warn(
        `Could not schedule the reminder tick: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
