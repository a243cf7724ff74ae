import { Injectable, type Provider } from '@nestjs/common';
import type { JobRoute } from '../queues/job-handlers.js';

/**
 * The typed map of ADR 0005: which job each outbox event type becomes. Modules declare their
 * routes with `outboxRoute()`, in both processes: the API needs them to refuse an event nobody
 * would receive, the worker to relay it. An event may go to several queues (one job in each,
 * all with the event's id as job id), but to one job per queue, since job ids are per queue.
 */
@Injectable()
export class OutboxRoutes {
  private readonly routes = new Map<string, JobRoute[]>();
  private readonly published = new Set<string>();

  /** `eventType` is an event its module publishes, whether or not any module consumes it yet. */
  declare(eventType: string): void {
    this.published.add(eventType);
  }

  /** Routed, or declared by its publisher: what `Outbox.record` accepts. */
  isKnown(eventType: string): boolean {
    return this.published.has(eventType) || this.routes.has(eventType);
  }

  add(eventType: string, route: JobRoute): void {
    const existing = this.routes.get(eventType) ?? [];
    const clash = existing.find((other) => other.queue === route.queue);
    if (clash) {
      throw new Error(
        `Outbox event "${eventType}" is routed twice to queue "${route.queue}" ` +
          `(jobs "${clash.job}" and "${route.job}"); one event makes at most one job per queue`,
      );
    }
    this.routes.set(eventType, [...existing, route]);
  }

  /** Where `eventType` goes; empty when no module routes it. */
  of(eventType: string): readonly JobRoute[] {
    return this.routes.get(eventType) ?? [];
  }

  all(): { eventType: string; route: JobRoute }[] {
    return [...this.routes].flatMap(([eventType, routes]) => routes.map((route) => ({ eventType, route })));
  }
}

/**
 * A provider declaring that `eventType` events become `route` jobs. Add it to the module that
 * consumes the event, e.g. `outboxRoute('gamification.xp_awarded', { queue: 'leaderboards', job:
 * 'leaderboard.refresh-user' })`, and provide that module in both apps.
 */
export function outboxRoute(eventType: string, route: JobRoute): Provider {
  return {
    provide: `outbox-route:${eventType}:${route.queue}`,
    inject: [OutboxRoutes],
    useFactory: (routes: OutboxRoutes) => {
      routes.add(eventType, route);
      return route;
    },
  };
}

/**
 * A provider declaring the event types a module publishes, so they can be recorded before any
 * module consumes them (the relay then marks them relayed, with no job). A type neither declared
 * nor routed is refused, which catches a misspelt type at its first use.
 */
export function outboxEvents(...eventTypes: string[]): Provider {
  return {
    provide: `outbox-events:${eventTypes.join(',')}`,
    inject: [OutboxRoutes],
    useFactory: (routes: OutboxRoutes) => {
      for (const eventType of eventTypes) routes.declare(eventType);
      return eventTypes;
    },
  };
}
