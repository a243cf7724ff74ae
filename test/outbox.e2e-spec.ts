import { createServer, type Server, type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import {
  JobHandler,
  jobHandler,
  Outbox,
  OutboxMisuseError,
  OutboxRelay,
  outboxEvents,
  outboxRoute,
  Transactions,
  type JobContext,
} from '@techtrek/platform';
import { eventually } from './support/eventually.js';
import { TestHarness } from './support/test-harness.js';

const ROUTE = { queue: 'notifications', job: 'probe.record' } as const;
const EVENT = 'probe.happened';

/** Every job the probe handler ran: job id → payloads received. */
const handled = new Map<string, unknown[]>();

@Injectable()
class ProbeRecorder extends JobHandler<{ n: number }> {
  async handle(payload: { n: number }, context: JobContext): Promise<void> {
    handled.set(context.id, [...(handled.get(context.id) ?? []), payload]);
  }
}

@Injectable()
class SecondProbeRecorder extends ProbeRecorder {}

/** Declares the route, as a module shared by both apps would. */
@Module({ providers: [outboxRoute(EVENT, ROUTE)] })
class ProbeRoutesModule {}

/** The worker variant: the route and its handler. */
/** An event its publisher declares before any module consumes it. */
const PUBLISHED_ONLY = 'probe.published-only';

@Module({
  imports: [ProbeRoutesModule],
  providers: [...jobHandler(ROUTE, ProbeRecorder), outboxEvents(PUBLISHED_ONLY)],
})
class ProbeWorkerModule {}

@Module({ imports: [ProbeWorkerModule], providers: [...jobHandler(ROUTE, SecondProbeRecorder)] })
class DoubleHandlerModule {}

const record = (app: NestFastifyApplication, payload: object = { n: 1 }): Promise<string> =>
  app.get(Transactions).run(() => app.get(Outbox).record(EVENT, payload));

const queueOf = (app: NestFastifyApplication): Queue => app.get<Queue>(getQueueToken(ROUTE.queue), { strict: false });

interface OutboxRow {
  event_id: string;
  relayed_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const rowsOf = async (db: pg.Client, ids: string[]): Promise<OutboxRow[]> =>
  (await db.query<OutboxRow>(`SELECT * FROM outbox WHERE event_id = ANY($1::uuid[])`, [ids])).rows;

describe('transactional outbox', () => {
  let harness: TestHarness;
  let worker: NestFastifyApplication;
  let db: pg.Client;

  beforeAll(async () => {
    harness = await TestHarness.start({ OUTBOX_RELAY_INTERVAL_MS: '20' });
    worker = await harness.startWorker(ProbeWorkerModule);
    db = await harness.database();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('refuses to record outside a transaction, and an event type nobody routes', async () => {
    const outbox = worker.get(Outbox);
    await expect(outbox.record(EVENT, { n: 1 })).rejects.toThrow(OutboxMisuseError);
    await expect(outbox.record(EVENT, { n: 1 })).rejects.toThrow(/inside Transactions\.run/);
    await expect(worker.get(Transactions).run(() => outbox.record('nobody.listens', {}))).rejects.toThrow(
      /No outbox route for event type "nobody\.listens"/,
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n).toBe(0);
  });

  it('records a declared event nobody consumes yet, and marks it relayed without a job', async () => {
    const eventId = await worker.get(Transactions).run(() => worker.get(Outbox).record(PUBLISHED_ONLY, { n: 9 }));

    const [row] = await eventually(
      () => rowsOf(db, [eventId]),
      ([stored]) => stored?.relayed_at instanceof Date,
    );
    expect(row).toMatchObject({ last_error: null });
    expect(row!.relayed_at).toBeInstanceOf(Date);
    expect(await queueOf(worker).getJob(eventId)).toBeUndefined();
  });

  it('relays nothing for a transaction that rolls back', async () => {
    let eventId = '';
    await expect(
      worker.get(Transactions).run(async () => {
        eventId = await worker.get(Outbox).record(EVENT, { n: 2 });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await sleep(300);
    expect(await rowsOf(db, [eventId])).toEqual([]);
    expect(await queueOf(worker).getJob(eventId)).toBeUndefined();
    expect(handled.has(eventId)).toBe(false);
  });

  it('turns a committed event into exactly one job whose id is the event id', async () => {
    const eventId = await record(worker, { n: 3 });
    await eventually(async () => handled.get(eventId), Boolean);
    expect(handled.get(eventId)).toEqual([{ n: 3 }]);
    const job = await queueOf(worker).getJob(eventId);
    expect(job).toMatchObject({ id: eventId, name: ROUTE.job, data: { n: 3 } });
    const [row] = await rowsOf(db, [eventId]);
    expect(row).toMatchObject({ attempts: 1, last_error: null });
    expect(row!.relayed_at).toBeInstanceOf(Date);
    // The worker consumes the queues that have handlers (since #7, every queue has some).
    expect(await queueOf(worker).getWorkers()).not.toEqual([]);
  });

  it('enqueues each event once when two relays run at the same time', async () => {
    const second = await harness.startWorker(ProbeWorkerModule);
    const ids = await worker
      .get(Transactions)
      .run(() =>
        worker.get(Outbox).recordAll(Array.from({ length: 300 }, (_, n) => ({ type: EVENT, payload: { n } }))),
      );
    // Both background loops run, and passes are forced side by side as well.
    await Promise.all([
      worker.get(OutboxRelay).relayBatch(),
      second.get(OutboxRelay).relayBatch(),
      worker.get(OutboxRelay).relayBatch(),
      second.get(OutboxRelay).relayBatch(),
    ]);
    await eventually(
      () => rowsOf(db, ids),
      (rows) => rows.every((row) => row.relayed_at !== null),
    );
    await eventually(
      async () => ids.filter((id) => handled.has(id)).length,
      (count) => count === ids.length,
    );
    const rows = await rowsOf(db, ids);
    // Each row was relayed by exactly one pass: a second would have counted a second attempt.
    expect(rows.map((row) => row.attempts)).toEqual(ids.map(() => 1));
    expect(ids.every((id) => handled.get(id)?.length === 1)).toBe(true);
    await second.close();
  });

  it('makes no second job when a relay died after enqueuing but before marking the event', async () => {
    const eventId = await record(worker, { n: 4 });
    await eventually(async () => handled.get(eventId), Boolean);
    // The crash: the job exists, but the row still says "not relayed".
    await db.query(`UPDATE outbox SET relayed_at = NULL WHERE event_id = $1`, [eventId]);
    await eventually(
      () => rowsOf(db, [eventId]),
      ([row]) => row?.relayed_at !== null,
    );
    await sleep(300);
    expect((await rowsOf(db, [eventId]))[0]!.attempts).toBe(2);
    expect(handled.get(eventId)).toHaveLength(1);
    const jobs = await queueOf(worker).getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(jobs.filter((job) => job.id === eventId)).toHaveLength(1);
  });

  it('prunes relayed events past the retention, and only those', async () => {
    const [old, recent] = [await record(worker, { n: 5 }), await record(worker, { n: 6 })];
    await eventually(
      () => rowsOf(db, [old, recent]),
      (rows) => rows.every((row) => row.relayed_at !== null),
    );
    await db.query(`UPDATE outbox SET relayed_at = now() - interval '73 hours' WHERE event_id = $1`, [old]);
    await db.query(
      `INSERT INTO outbox (event_id, type, payload, occurred_at) VALUES (gen_random_uuid(), $1, '{}', now() - interval '100 hours')`,
      ['probe.stuck'],
    );
    expect(await worker.get(OutboxRelay).prune()).toBe(1);
    expect((await rowsOf(db, [old, recent])).map((row) => row.event_id)).toEqual([recent]);
    // The unrelayed one stays, however old; it is also what the backlog gauge reports.
    const metrics = await worker.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/outbox_backlog_events\{process="worker"\} 1\n/);
    expect(metrics.body).toMatch(/outbox_oldest_unrelayed_seconds\{process="worker"\} 36\d{4}/);
    await db.query(`DELETE FROM outbox WHERE type = 'probe.stuck'`);
  });
});

describe('outbox wiring', () => {
  const harnesses: TestHarness[] = [];
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });

  it('refuses to start a worker when a routed job has no handler, or two', async () => {
    const harness = await TestHarness.start();
    harnesses.push(harness);
    await expect(harness.startWorker(ProbeRoutesModule)).rejects.toThrow(
      'Outbox routes without a job handler in the worker: "probe.happened" → notifications/probe.record',
    );
    await expect(harness.startWorker(DoubleHandlerModule)).rejects.toThrow(
      /^Job "probe\.record" on queue "notifications" has two handlers: (ProbeRecorder|SecondProbeRecorder) and (ProbeRecorder|SecondProbeRecorder)$/,
    );
  });

  it('never consumes jobs in the API, even with handlers registered', async () => {
    const harness = await TestHarness.start();
    harnesses.push(harness);
    const api = await harness.startApi(ProbeWorkerModule);
    const eventId = await record(api);
    await sleep(500);
    expect(await queueOf(api).getWorkers()).toEqual([]);
    // Nothing relays in the API either: the event waits for a worker.
    expect((await rowsOf(await harness.database(), [eventId]))[0]!.relayed_at).toBeNull();
  });
});

/** A TCP proxy in front of Redis that can be cut and restored, to take Redis away mid-test. */
class RedisProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async start(target: string): Promise<RedisProxy> {
    const url = new URL(target);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const proxy = new RedisProxy({ host: url.hostname, port: Number(url.port || 6379) }, port);
    await proxy.restore();
    return proxy;
  }

  async restore(): Promise<void> {
    if (this.server?.listening) return;
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('outbox relay while Redis is away', () => {
  let harness: TestHarness;
  let proxy: RedisProxy;

  afterAll(async () => {
    await proxy?.restore();
    await harness?.close();
    await proxy?.cut();
  });

  it('keeps the event with its attempts and last error, and relays it once Redis is back', async () => {
    const { TEST_REDIS_URL } = await import('./support/test-run.js');
    proxy = await RedisProxy.start(TEST_REDIS_URL);
    harness = await TestHarness.start({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, OUTBOX_RELAY_INTERVAL_MS: '20' });
    const worker = await harness.startWorker(ProbeWorkerModule);
    const db = await harness.database();

    await proxy.cut();
    const eventId = await record(worker, { n: 7 });
    const [failing] = await eventually(
      () => rowsOf(db, [eventId]),
      ([row]) => (row?.attempts ?? 0) >= 2,
    );
    expect(failing).toMatchObject({ relayed_at: null, last_error: expect.stringMatching(/cannot reach Redis/) });
    expect(failing!.attempts).toBeGreaterThanOrEqual(2);

    await proxy.restore();
    await eventually(async () => handled.get(eventId), Boolean, 20_000);
    const [relayed] = await rowsOf(db, [eventId]);
    expect(relayed!.relayed_at).toBeInstanceOf(Date);
    expect(relayed!.last_error).toBeNull();
    expect(handled.get(eventId)).toEqual([{ n: 7 }]);
  }, 40_000);
});
