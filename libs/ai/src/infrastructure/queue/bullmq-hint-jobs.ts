import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import { Job, Queue, QueueEvents } from 'bullmq';
import { ensureQueueReachable, logQueueErrors, queueConnectionOptions, type Environment } from '@techtrek/platform';
import { HintJobs } from '../../application/hint-jobs.js';
import { GENERATE_HINT_JOB, GENERATE_HINT_JOB_OPTIONS, hintJobId, type GenerateHintPayload } from './hint-job.js';

const FINISHED = new Set(['completed', 'failed']);

/**
 * Hint jobs from the API: queued under the request's id, awaited through BullMQ's queue events
 * (one blocking connection per API process, opened at boot).
 */
@Injectable()
export class BullMqHintJobs extends HintJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private events?: QueueEvents;
  private closing = false;
  /** Jobs this process just added, until waited for: no second round trip to fetch them back. */
  private readonly added = new Map<number, Job<GenerateHintPayload>>();

  constructor(
    @InjectQueue(GENERATE_HINT_JOB.queue) private readonly queue: Queue<GenerateHintPayload>,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  async enqueue(requestId: number): Promise<void> {
    await ensureQueueReachable(this.queue);
    const job = await this.queue.add(
      GENERATE_HINT_JOB.job,
      { requestId },
      { ...GENERATE_HINT_JOB_OPTIONS, jobId: hintJobId(requestId) },
    );
    this.added.set(requestId, job);
  }

  async waitForFinish(requestId: number, timeoutMs: number): Promise<boolean> {
    const added = this.added.get(requestId);
    this.added.delete(requestId);
    if (timeoutMs <= 0) return false;
    const job = added ?? (await Job.fromId(this.queue, hintJobId(requestId)));
    if (!job) return false;
    try {
      await job.waitUntilFinished(this.queueEvents(), timeoutMs);
      return true;
    } catch {
      // Timed out, or a try failed: only the job's state says whether it is over. Redis gone
      // meanwhile: the learner polls the job id rather than waiting for Redis (ADR 0011).
      const reachable = await ensureQueueReachable(this.queue).then(
        () => true,
        () => false,
      );
      return reachable && FINISHED.has(await this.queue.getJobState(hintJobId(requestId)));
    }
  }

  /**
   * The listener reads only events newer than its first read. Opened at the first wait, it began
   * reading after that job was added, and a job finished in between (the offline provider takes
   * milliseconds) went unheard: the learner waited the whole timeout. So it opens at boot, before
   * any hint is asked for, once the queue's connection is ready, however long that takes (not a
   * request's 250 ms: on a loaded machine the connection took longer, and the first hint went
   * unheard again). BullMQ cannot close a listener that never connected, so with Redis down at
   * boot it opens once Redis is back, or at the first wait, and never after shutdown began.
   */
  onApplicationBootstrap(): void {
    void this.queue.waitUntilReady().then(
      () => this.closing || this.queueEvents(),
      () => undefined,
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.events?.close();
  }

  private queueEvents(): QueueEvents {
    if (this.events) return this.events;
    this.events = new QueueEvents(GENERATE_HINT_JOB.queue, {
      connection: queueConnectionOptions(this.config.get('REDIS_URL', { infer: true }), 'techtrek-hint-events'),
      prefix: `${this.config.get('REDIS_KEY_PREFIX', { infer: true })}bull`,
    });
    // Once, at creation: every hint waited for used to add one more listener (a leak the soak found).
    logQueueErrors(this.events, 'hint job events');
    return this.events;
  }
}
