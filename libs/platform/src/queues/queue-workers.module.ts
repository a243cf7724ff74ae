import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { OutboxRoutes } from '../outbox/outbox-routes.js';
import { JobHandlers } from './job-handlers.js';
import { QUEUE_NAMES } from './queue-names.js';
import { queueWorkerProcessor, type QueueWorkerHost } from './queue-worker.processor.js';

const PROCESSORS = QUEUE_NAMES.map(queueWorkerProcessor);

/**
 * Checks the wiring before any job runs, as immich's job repository does: every job an outbox
 * route produces needs a handler in this process, and no job may have two.
 * Then starts the processors of the queues that have handlers and closes the others.
 */
@Injectable()
export class QueueWorkersStarter implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueWorkers');

  constructor(
    private readonly routes: OutboxRoutes,
    private readonly handlers: JobHandlers,
    private readonly moduleRef: ModuleRef,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [conflict] = this.handlers.conflicts();
    if (conflict) throw new Error(conflict);
    const unhandled = this.routes.all().filter(({ route }) => !this.handlers.find(route));
    if (unhandled.length > 0) {
      const list = unhandled.map(({ eventType, route }) => `"${eventType}" → ${route.queue}/${route.job}`).join(', ');
      throw new Error(
        `Outbox routes without a job handler in the worker: ${list}. ` +
          'Import the modules that handle them into the worker, or remove the routes',
      );
    }
    for (const processor of PROCESSORS) {
      const host = this.moduleRef.get<QueueWorkerHost>(processor, { strict: false });
      if (this.handlers.handles(host.queue)) {
        // How fast a dead worker's jobs go back to the others; BullMQ reads both when the worker runs.
        host.worker.opts.lockDuration = this.config.get('QUEUE_LOCK_DURATION_MS', { infer: true });
        host.worker.opts.stalledInterval = this.config.get('QUEUE_STALLED_INTERVAL_MS', { infer: true });
        // run() resolves when the worker closes (BullMQ closes it on shutdown, letting jobs finish).
        host.worker
          .run()
          .catch((error: unknown) => this.logger.error(`Queue "${host.queue}" stopped: ${String(error)}`));
      } else {
        // Nobody here handles this queue: give its idle worker's connection back.
        await host.worker.close();
      }
    }
  }
}

/**
 * The worker process's job runners: one BullMQ processor per queue, dispatching to the handlers
 * modules register with `jobHandler()`. Only `apps/worker` imports it: the API must never consume jobs.
 */
@Module({ providers: [...PROCESSORS, QueueWorkersStarter] })
export class QueueWorkersModule {}
