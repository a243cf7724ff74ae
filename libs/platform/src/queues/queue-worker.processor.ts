import { Inject, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import { JobHandlers } from './job-handlers.js';
import { QUEUE_CONCURRENCY, type QueueName } from './queue-names.js';

export interface QueueWorkerHost extends WorkerHost {
  readonly queue: QueueName;
}

/**
 * The one BullMQ processor of `queue`: it hands each job to the handler registered for its name.
 * Created with `autorun: false`; `QueueWorkersStarter` starts it once the handlers are known, and
 * only if the queue has any, so a queue nobody handles yet keeps its jobs waiting.
 */
export function queueWorkerProcessor(queue: QueueName): Type<QueueWorkerHost> {
  const logger = new Logger(`Queue:${queue}`);
  const warnings = new ThrottledWarnings(logger);

  @Processor(queue, { autorun: false, concurrency: QUEUE_CONCURRENCY[queue] })
  class QueueWorker extends WorkerHost implements QueueWorkerHost {
    readonly queue = queue;

    constructor(@Inject(JobHandlers) private readonly handlers: JobHandlers) {
      super();
    }

    async process(job: Job): Promise<void> {
      const handler = this.handlers.find({ queue, job: job.name });
      // Retrying cannot make a handler appear: fail the job at once (failed jobs are kept a week).
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${queue}"`);
      await handler.handle(job.data, { queue, job: job.name, id: job.id ?? '', attempt: job.attemptsMade + 1 });
    }

    /** Unheard, BullMQ prints every failed reconnect to the console. */
    @OnWorkerEvent('error')
    onError(error: Error): void {
      warnings.warn(error.message, `Worker of queue "${queue}" cannot reach Redis: ${error.message}`);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined, error: Error): void {
      logger.warn(
        `Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (try ${job?.attemptsMade ?? '?'}): ${error.message}`,
      );
    }
  }
  Object.defineProperty(QueueWorker, 'name', { value: `QueueWorker(${queue})` });
  return QueueWorker;
}
