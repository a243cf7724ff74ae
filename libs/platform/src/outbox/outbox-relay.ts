import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Environment } from '../config/environment.js';
import { Transactions } from '../database/transactions.js';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import type { JobRoute } from '../queues/job-handlers.js';
import { OutboxRoutes } from './outbox-routes.js';

const BATCH_SIZE = 100;
/** How long one enqueue may wait for Redis before the batch counts as failed (rows stay locked meanwhile). */
const ENQUEUE_TIMEOUT_MS = 2_000;
/** After failures the relay waits longer, up to this, instead of retrying every interval. */
const MAX_BACKOFF_MS = 5_000;
const PRUNE_EVERY_MS = 10 * 60_000;

interface OutboxRow {
  eventId: string;
  type: string;
  payload: object;
}

/**
 * The worker's half of ADR 0005. Each pass, in one short transaction: lock the oldest unrelayed
 * events (SKIP LOCKED, so several workers share the work without waiting for each other), add
 * each as a job whose id is the event id, mark the ones that made it. An event enqueued by a relay
 * that then died is enqueued again: the same job id makes that a no-op while BullMQ keeps the job.
 * An event that could not be enqueued stays, with `attempts` and `last_error`, for a later pass.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly warnings = new ThrottledWarnings(this.logger);
  private readonly stopping = new AbortController();
  private readonly intervalMs: number;
  private readonly retentionHours: number;
  private loop?: Promise<void>;
  private failedPasses = 0;
  private nextPruneAt = 0;

  constructor(
    private readonly transactions: Transactions,
    private readonly routes: OutboxRoutes,
    private readonly moduleRef: ModuleRef,
    config: ConfigService<Environment, true>,
  ) {
    this.intervalMs = config.get('OUTBOX_RELAY_INTERVAL_MS', { infer: true });
    this.retentionHours = config.get('OUTBOX_RETENTION_HOURS', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Before the pools close: lets the current pass commit, then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** One pass; returns how many events it relayed. Public for tests that drive the relay by hand. */
  relayBatch(): Promise<number> {
    return this.transactions.run(async () => {
      const rows = (await this.transactions.manager.query(
        `SELECT event_id AS "eventId", type, payload FROM outbox
         WHERE relayed_at IS NULL ORDER BY occurred_at LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const errors = await Promise.all(rows.map((row) => this.enqueue(row).then(() => null, describe)));
      const relayed = rows.filter((_, index) => errors[index] === null).map((row) => row.eventId);
      await this.transactions.manager.query(
        `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE event_id = ANY($1::uuid[])`,
        [relayed],
      );
      const failed = rows.flatMap((row, index) => (errors[index] === null ? [] : [[row.eventId, errors[index]]]));
      if (failed.length > 0) {
        await this.transactions.manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = failure.error
           FROM unnest($1::uuid[], $2::text[]) AS failure (event_id, error)
           WHERE outbox.event_id = failure.event_id`,
          [failed.map(([id]) => id), failed.map(([, error]) => error)],
        );
        this.warnings.warn(
          `enqueue:${failed[0]![1]}`,
          `Outbox relay could not enqueue ${failed.length} event(s), kept for the next pass: ${failed[0]![1]}`,
        );
      }
      return relayed.length;
    });
  }

  /** Deletes relayed events older than the retention; returns how many. */
  async prune(): Promise<number> {
    const [, deleted] = (await this.transactions.manager.query(
      `DELETE FROM outbox WHERE relayed_at < now() - make_interval(hours => $1)`,
      [this.retentionHours],
    )) as [unknown, number];
    return deleted;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      let relayed = 0;
      try {
        await this.pruneWhenDue();
        relayed = await this.relayBatch();
        this.failedPasses = 0;
      } catch (error) {
        this.failedPasses += 1;
        this.warnings.warn(`pass:${describe(error)}`, `Outbox relay pass failed: ${describe(error)}`);
      }
      // A full batch means more may be waiting: go on at once.
      if (relayed === BATCH_SIZE) continue;
      await sleep(this.delay(), undefined, { signal }).catch(() => undefined);
    }
  }

  private delay(): number {
    if (this.failedPasses === 0) return this.intervalMs;
    return Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** Math.min(this.failedPasses, 10));
  }

  private async pruneWhenDue(): Promise<void> {
    if (Date.now() < this.nextPruneAt) return;
    this.nextPruneAt = Date.now() + PRUNE_EVERY_MS;
    const deleted = await this.prune();
    if (deleted > 0) this.logger.log(`Pruned ${deleted} relayed outbox event(s)`);
  }

  private async enqueue(row: OutboxRow): Promise<void> {
    // Declared with no consumer yet: relayed to nobody. Unknown here (an API newer than this
    // worker): kept for a worker that knows it.
    if (!this.routes.isKnown(row.type)) throw new Error(`no route for event type "${row.type}" in this worker`);
    const routes = this.routes.of(row.type);
    await Promise.all(routes.map((route) => this.add(route, row)));
  }

  private async add(route: JobRoute, row: OutboxRow): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(route.queue), { strict: false });
    // BullMQ's connection queues commands while Redis is away, which would hold this transaction
    // (and its row locks) open for the whole outage: fail fast instead, the rows wait in PostgreSQL.
    const client = await withTimeout(
      queue.getBackend().connection.client,
      ENQUEUE_TIMEOUT_MS,
      `queue "${route.queue}" cannot reach Redis`,
    );
    if (client.status !== 'ready') throw new Error(`queue "${route.queue}" cannot reach Redis (${client.status})`);
    await withTimeout(
      queue.add(route.job, row.payload, { jobId: row.eventId }),
      ENQUEUE_TIMEOUT_MS,
      `adding to queue "${route.queue}" timed out`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      work,
      sleep(ms, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error(message))),
    ]);
  } finally {
    timeout.abort();
  }
}
