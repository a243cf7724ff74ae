import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Transactions } from '../database/transactions.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';

interface Backlog {
  events: number;
  oldestSeconds: number;
}

/**
 * What waits to be relayed, read at scrape time from the partial index on unrelayed rows: a
 * growing backlog or age means Redis is down or no relay runs.
 */
@Injectable()
export class OutboxBacklogMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    let pending: Promise<Backlog | undefined> | undefined;
    // Both gauges are collected on one scrape; they share one query.
    const read = (): Promise<Backlog | undefined> => {
      pending ??= this.read().finally(() => setImmediate(() => (pending = undefined)));
      return pending;
    };
    new Gauge({
      name: 'outbox_backlog_events',
      help: 'Outbox events written but not yet relayed to their queues',
      registers: [this.metrics.registry],
      async collect() {
        const backlog = await read();
        if (backlog) this.set(backlog.events);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unrelayed_seconds',
      help: 'Age of the oldest outbox event not yet relayed (0 when none)',
      registers: [this.metrics.registry],
      async collect() {
        const backlog = await read();
        if (backlog) this.set(backlog.oldestSeconds);
      },
    });
  }

  private async read(): Promise<Backlog | undefined> {
    try {
      const [row] = (await this.transactions.manager.query(
        `SELECT count(*)::int AS events,
                COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float8 AS "oldestSeconds"
         FROM outbox WHERE relayed_at IS NULL`,
      )) as Backlog[];
      return row;
    } catch {
      return undefined;
    }
  }
}
