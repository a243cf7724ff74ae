import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { OutboxRoutes } from './outbox-routes.js';

export interface OutboxEvent {
  /** The event type, routed to jobs by `outboxRoute()` or declared by `outboxEvents()`, e.g. `gamification.xp_awarded`. */
  type: string;
  /** Plain JSON data: what the job receives. */
  payload: object;
}

/** A programming error: the event would be lost, or sent for work that may roll back. */
export class OutboxMisuseError extends Error {
  override readonly name = 'OutboxMisuseError';
}

/**
 * Writes events in the caller's transaction (ADR 0005); the worker's relay turns them into jobs
 * once, and only if, that transaction commits.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly transactions: Transactions,
    private readonly routes: OutboxRoutes,
  ) {}

  /** Records one event and returns its id (the id of the job it becomes). */
  async record(type: string, payload: object): Promise<string> {
    const [eventId] = await this.recordAll([{ type, payload }]);
    return eventId!;
  }

  /** Records several events in one statement; ids in the same order. */
  async recordAll(events: readonly OutboxEvent[]): Promise<string[]> {
    // Outside a transaction the event could commit without its state change, or the reverse:
    // exactly the gap the outbox exists to close.
    if (!this.transactions.isActive) {
      throw new OutboxMisuseError('Outbox.record() must run inside Transactions.run(), with the change it reports');
    }
    const unknown = events.find((event) => !this.routes.isKnown(event.type));
    if (unknown) {
      throw new OutboxMisuseError(
        `No outbox route for event type "${unknown.type}": declare one with outboxRoute() in the consuming ` +
          'module, or outboxEvents() in the publishing one',
      );
    }
    if (events.length === 0) return [];
    const ids = events.map(() => randomUUID());
    await this.transactions.prepared(
      'outbox.record',
      `INSERT INTO outbox (event_id, type, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])`,
      [ids, events.map((event) => event.type), events.map((event) => JSON.stringify(event.payload))],
    );
    return ids;
  }
}
