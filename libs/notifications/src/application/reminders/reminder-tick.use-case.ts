import { Injectable } from '@nestjs/common';
import { Clock } from '@techtrek/platform';
import { ReminderClaims, ReminderJobQueue } from './reminder-claims.js';

/** Schedules locked, claimed and moved per statement: big enough for few round trips, small enough for short locks. */
export const REMINDER_TICK_BATCH = 5_000;
/** A claim without its job this long after it was made lost its enqueue to a crash. */
const REQUEUE_AFTER_MS = 60_000;

export interface ReminderTickReport {
  due: number;
  claimed: number;
  requeued: number;
}

/**
 * The minute tick: claims every reminder due by `now` and queues one send job per claim. Batches
 * repeat until none is left, so a missed minute or a worker that was down catches up in one tick;
 * a schedule whose day passed meanwhile only moves on (its reminder would come too late). Two
 * ticks at once share the rows (SKIP LOCKED) and the claim's key makes a day's reminder one.
 */
@Injectable()
export class RunReminderTickUseCase {
  constructor(
    private readonly claims: ReminderClaims,
    private readonly queue: ReminderJobQueue,
    private readonly clock: Clock,
  ) {}

  async execute(now: Date = this.clock.now(), batchSize = REMINDER_TICK_BATCH): Promise<ReminderTickReport> {
    const report: ReminderTickReport = { due: 0, claimed: 0, requeued: 0 };
    for (;;) {
      const batch = await this.claims.claimDueBatch(now, batchSize);
      if (batch.due === 0) break;
      report.due += batch.due;
      report.claimed += batch.claims.length;
      if (batch.claims.length > 0) {
        await this.queue.enqueue(batch.claims);
        await this.claims.markEnqueued(batch.claims, now);
      }
    }
    const lost = await this.claims.unqueued(new Date(now.getTime() - REQUEUE_AFTER_MS), batchSize);
    if (lost.length > 0) {
      // The job id makes a job that did reach the queue a no-op; the send job checks the outcome.
      await this.queue.enqueue(lost);
      await this.claims.markEnqueued(lost, now);
      report.requeued = lost.length;
    }
    return report;
  }
}
