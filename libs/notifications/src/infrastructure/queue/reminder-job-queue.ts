import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ReminderJobQueue } from '../../application/reminders/reminder-claims.js';
import { reminderJobId, SEND_REMINDER_JOB, type ReminderClaim } from '../../application/reminders/reminder-jobs.js';

/** One `reminder.send` job per claim, in one round trip per batch (addBulk). */
@Injectable()
export class BullReminderJobQueue extends ReminderJobQueue {
  constructor(@InjectQueue(SEND_REMINDER_JOB.queue) private readonly queue: Queue<ReminderClaim>) {
    super();
  }

  async enqueue(claims: readonly ReminderClaim[]): Promise<void> {
    await this.queue.addBulk(
      claims.map((claim) => ({
        name: SEND_REMINDER_JOB.job,
        data: { userId: claim.userId, localDate: claim.localDate },
        opts: { jobId: reminderJobId(claim) },
      })),
    );
  }
}
