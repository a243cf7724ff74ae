import { Logger, type Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import { QUEUE_NAMES } from './queue-names.js';

/**
 * BullMQ queues emit `error` on every failed reconnect; unheard, those go to the console. Log one
 * warning per queue and reason every 30 s instead, through the structured logger. Attached as the
 * queues are created, before their first connection attempt can fail.
 */
export class QueueErrorLogger {
  private readonly warnings = new ThrottledWarnings(new Logger('Queues'));

  constructor(queues: Queue[]) {
    for (const queue of queues) queue.on('error', (error) => this.log(queue.name, error));
  }

  private log(queue: string, error: Error): void {
    this.warnings.warn(`${queue}:${error.message}`, `Queue "${queue}" cannot reach Redis: ${error.message}`);
  }
}

export const queueErrorLoggerProvider: Provider = {
  provide: QueueErrorLogger,
  inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => new QueueErrorLogger(queues),
};

const ownConnectionWarnings = new ThrottledWarnings(new Logger('Queues'));

/**
 * The same throttled warning for BullMQ objects a module opens itself (e.g. `QueueEvents`): an
 * unheard `error` event would print every failed reconnect to the console.
 */
export function logQueueErrors(
  emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
  name: string,
) {
  emitter.on('error', (error) =>
    ownConnectionWarnings.warn(`${name}:${error.message}`, `"${name}" cannot reach Redis: ${error.message}`),
  );
}
