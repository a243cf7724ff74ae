import { Logger, type Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES } from './queue-names.js';

const REPEAT_AFTER_MS = 30_000;

/**
 * BullMQ queues emit `error` on every failed reconnect; unheard, those go to the console. Log one
 * warning per queue and reason every 30 s instead, through the structured logger. Attached as the
 * queues are created, before their first connection attempt can fail.
 */
export class QueueErrorLogger {
  private readonly logger = new Logger('Queues');
  private readonly lastLogged = new Map<string, number>();

  constructor(queues: Queue[]) {
    for (const queue of queues) queue.on('error', (error) => this.log(queue.name, error));
  }

  private log(queue: string, error: Error): void {
    const key = `${queue}:${error.message}`;
    const now = Date.now();
    if (now - (this.lastLogged.get(key) ?? 0) < REPEAT_AFTER_MS) return;
    this.lastLogged.set(key, now);
    this.logger.warn(`Queue "${queue}" cannot reach Redis: ${error.message}`);
  }
}

export const queueErrorLoggerProvider: Provider = {
  provide: QueueErrorLogger,
  inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => new QueueErrorLogger(queues),
};
