import { Injectable, type Provider, type Type } from '@nestjs/common';
import type { QueueName } from './queue-names.js';

/** Where a job goes: a queue and a job name within it (e.g. `leaderboards` / `leaderboard.refresh-user`). */
export interface JobRoute {
  queue: QueueName;
  job: string;
}

export interface JobContext extends JobRoute {
  /** The job's id: the outbox event's id for relayed events. */
  id: string;
  /** 1 on the first try, then 2, 3… as BullMQ retries a failed job. */
  attempt: number;
}

/**
 * Runs one kind of job in the worker. Jobs arrive at least once (a relay may enqueue an event
 * again, BullMQ retries failures), so a handler must be idempotent. Throwing fails the try and
 * lets BullMQ retry with backoff.
 */
export abstract class JobHandler<Payload = unknown> {
  abstract handle(payload: Payload, context: JobContext): Promise<void>;
}

/**
 * Which handler runs each (queue, job). Modules fill it through `jobHandler()` providers; the
 * worker's queue processors read it. A job with two handlers is a wiring mistake that would
 * otherwise run one of them at random: the worker refuses to start (`QueueWorkersStarter`), once
 * every module has registered, so the message can name them all.
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, JobHandler[]>();

  register(route: JobRoute, handler: JobHandler): void {
    const key = keyOf(route);
    this.handlers.set(key, [...(this.handlers.get(key) ?? []), handler]);
  }

  /** The job's handler; undefined when it has none, or more than one. */
  find(route: JobRoute): JobHandler | undefined {
    const found = this.handlers.get(keyOf(route));
    return found?.length === 1 ? found[0] : undefined;
  }

  handles(queue: QueueName): boolean {
    return [...this.handlers.keys()].some((key) => key.startsWith(`${queue}\u0000`));
  }

  /** Why the registrations cannot run, e.g. `Job "a" on queue "hints" has two handlers: X and Y`. */
  conflicts(): string[] {
    return [...this.handlers].flatMap(([key, handlers]) => {
      if (handlers.length < 2) return [];
      const [queue, job] = key.split('\u0000');
      const names = handlers.map((handler) => handler.constructor.name).join(' and ');
      return [
        `Job "${job}" on queue "${queue}" has ${handlers.length === 2 ? 'two' : handlers.length} handlers: ${names}`,
      ];
    });
  }
}

const keyOf = (route: JobRoute): string => `${route.queue}\u0000${route.job}`;

/**
 * Providers that make `handler` (a plain injectable class) run `route`'s jobs in the worker. Spread
 * them into the providers of the module's worker variant: `providers: [...jobHandler(route, X)]`.
 */
export function jobHandler(route: JobRoute, handler: Type<JobHandler>): Provider[] {
  return [
    handler,
    {
      provide: `job-handler:${route.queue}:${route.job}:${handler.name}`,
      inject: [JobHandlers, handler],
      useFactory: (handlers: JobHandlers, instance: JobHandler) => {
        handlers.register(route, instance);
        return route;
      },
    },
  ];
}
