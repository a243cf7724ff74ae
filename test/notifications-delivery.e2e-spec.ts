import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { NotificationSender, type NotificationDraft } from '@techtrek/notifications';
import { eventually } from './support/eventually.js';
import { FakeExpoServer } from './support/fake-expo-server.js';
import { TestHarness } from './support/test-harness.js';

const token = (label: string): string => `ExponentPushToken[${label}]`;

/** `count` learners, each with `devices` Expo devices labelled `<tag>-<user>-<device>`; their ids in order. */
async function learnersWithDevices(db: pg.Client, tag: string, count: number, devices = 1): Promise<number[]> {
  const { rows } = await db.query<{ user_id: number }>(
    `INSERT INTO users (email, username, password_hash)
     SELECT $1 || '-' || g || '@delivery.test', $1 || g, 'x' FROM generate_series(1, $2::int) g
     RETURNING user_id`,
    [tag, count],
  );
  const ids = rows.map((row) => row.user_id);
  await db.query(
    `INSERT INTO devices (user_id, token, platform, provider)
     SELECT u.id, 'ExponentPushToken[' || $1 || '-' || u.id || '-' || d || ']', 'ios', 'expo'
     FROM unnest($2::int[]) AS u (id), generate_series(1, $3::int) d`,
    [tag, ids, devices],
  );
  return ids;
}

const drafts = (userIds: number[], title = 'Keep your streak'): NotificationDraft[] =>
  userIds.map((userId) => ({ userId, kind: 'milestone', title, body: `Hello ${userId}`, data: { screen: 'home' } }));

async function statuses(db: pg.Client, ids: number[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM notifications WHERE notification_id = ANY($1::int[]) GROUP BY status`,
    [ids],
  );
  return new Map(rows.map(({ status, n }) => [status, n]));
}

const allIn = (status: string, total: number) => (counts: Map<string, number>) => counts.get(status) === total;

/** Settings that make the worker send to the fake Expo server, check receipts at once and sweep every second. */
const liveSettings = (fake: FakeExpoServer): Record<string, string> => ({
  PUSH_DELIVERY: 'live',
  EXPO_API_URL: fake.url,
  PUSH_RECEIPT_DELAY_MINUTES: '0',
  PUSH_MAINTENANCE_INTERVAL_SECONDS: '1',
  // The production default: the harness' 4 connections would let only 4 of 64 jobs reach the batcher at once.
  DATABASE_POOL_SIZE: '10',
});

let fake: FakeExpoServer;

beforeAll(async () => {
  fake = await FakeExpoServer.start();
});

afterAll(async () => {
  await fake?.stop();
});

describe('push delivery through Expo', () => {
  let harness: TestHarness;
  let worker: NestFastifyApplication;
  let db: pg.Client;
  let sender: NotificationSender;

  beforeAll(async () => {
    harness = await TestHarness.start(liveSettings(fake));
    worker = await harness.startWorker();
    db = await harness.database();
    sender = worker.get(NotificationSender);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('sends one message per device, stores every ticket and marks the notification sent', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'several', 1, 3);
    const [id] = await sender.send(drafts([userId], 'Three devices'));

    await eventually(() => statuses(db, [id]), allIn('sent', 1));

    const received = fake.received.filter((message) => message.title === 'Three devices');
    expect(received.map((message) => message.to).sort()).toEqual(
      [1, 2, 3].map((device) => token(`several-${userId}-${device}`)),
    );
    expect(received[0]).toMatchObject({ body: `Hello ${userId}`, data: { screen: 'home' } });
    const { rows: tickets } = await db.query(
      `SELECT ticket_id, provider, device_token FROM push_tickets WHERE notification_id = $1 ORDER BY device_token`,
      [id],
    );
    expect(tickets.map((ticket) => ticket.ticket_id).sort()).toEqual(received.map((m) => m.ticketId).sort());
    expect(tickets.every((ticket) => ticket.provider === 'expo')).toBe(true);
    const {
      rows: [row],
    } = await db.query(
      `SELECT status, attempts, sent_at, provider_ticket_id, last_error, delivered FROM notifications WHERE notification_id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, delivered: true });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(tickets.map((ticket) => ticket.ticket_id)).toContain(row.provider_ticket_id);
  });

  it('batches the messages of concurrent jobs into requests of at most 100', async () => {
    fake.reset();
    const users = await learnersWithDevices(db, 'batch', 150, 2);
    const ids = await sender.send(drafts(users, 'Batched'));

    await eventually(() => statuses(db, ids), allIn('sent', 150), 30_000);

    expect(fake.count).toBe(300);
    expect(Math.max(...fake.sendRequests)).toBeLessThanOrEqual(100);
    // Concurrent jobs share requests: far fewer requests than notifications (typically 10-20 of up to ~50-100).
    expect(Math.max(...fake.sendRequests)).toBeGreaterThanOrEqual(20);
    expect(fake.sendRequests.length).toBeLessThan(50);
  });

  it('a notification for a learner without devices is sent (it is in the feed) without any push', async () => {
    fake.reset();
    const {
      rows: [{ user_id: userId }],
    } = await db.query(
      `INSERT INTO users (email, username, password_hash) VALUES ('nodevice@delivery.test', 'nodevice', 'x') RETURNING user_id`,
    );
    const [id] = await sender.send(drafts([userId]));

    await eventually(() => statuses(db, [id]), allIn('sent', 1));
    expect(fake.count).toBe(0);
  });

  it('removes a device whose ticket says DeviceNotRegistered, and still reaches the others', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'ticketgone', 1, 2);
    fake.goneInTicket.add(token(`ticketgone-${userId}-1`));
    const [id] = await sender.send(drafts([userId]));

    await eventually(() => statuses(db, [id]), allIn('sent', 1));

    const { rows } = await db.query(`SELECT token FROM devices WHERE user_id = $1`, [userId]);
    expect(rows.map((row) => row.token)).toEqual([token(`ticketgone-${userId}-2`)]);
  });

  it('removes a device whose receipt says DeviceNotRegistered, and records every receipt', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'receiptgone', 1, 2);
    const gone = token(`receiptgone-${userId}-2`);
    fake.goneInReceipt.add(gone);
    const [id] = await sender.send(drafts([userId]));

    const checked = await eventually(
      async () =>
        (
          await db.query(
            `SELECT device_token, receipt_status, receipt_error FROM push_tickets
             WHERE notification_id = $1 AND checked_at IS NOT NULL ORDER BY device_token`,
            [id],
          )
        ).rows,
      (rows) => rows.length === 2,
    );

    expect(checked).toEqual([
      { device_token: token(`receiptgone-${userId}-1`), receipt_status: 'ok', receipt_error: null },
      {
        device_token: gone,
        receipt_status: 'device-not-registered',
        receipt_error: expect.stringContaining('DeviceNotRegistered'),
      },
    ]);
    const { rows } = await db.query(`SELECT token FROM devices WHERE user_id = $1`, [userId]);
    expect(rows.map((row) => row.token)).toEqual([token(`receiptgone-${userId}-1`)]);
  });

  it('retries a transient error (503) with backoff, then sends once', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'transient', 1);
    fake.failNext(503);
    const [id] = await sender.send(drafts([userId], 'After a 503'));

    const afterFirstTry = await eventually(
      async () =>
        (await db.query(`SELECT status, attempts, last_error FROM notifications WHERE notification_id = $1`, [id]))
          .rows[0],
      (row) => row.attempts === 1 && row.status === 'scheduled',
    );
    expect(afterFirstTry.last_error).toContain('503');

    await eventually(() => statuses(db, [id]), allIn('sent', 1), 20_000);
    const {
      rows: [row],
    } = await db.query(`SELECT attempts FROM notifications WHERE notification_id = $1`, [id]);
    expect(row.attempts).toBe(2);
    expect(fake.received.filter((message) => message.title === 'After a 503')).toHaveLength(1);
  }, 30_000);

  it('fails on a permanent error at once and keeps the job inspectable in the failed set', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'permanent', 1);
    fake.failNext(400);
    const [id] = await sender.send(drafts([userId]));

    await eventually(() => statuses(db, [id]), allIn('failed', 1));

    const {
      rows: [row],
    } = await db.query(`SELECT attempts, last_error FROM notifications WHERE notification_id = $1`, [id]);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('400');
    const queue = worker.get<Queue>(getQueueToken('notifications'));
    const state = await eventually(
      () => queue.getJobState(`notification-${id}`),
      (value) => value === 'failed',
    );
    expect(state).toBe('failed');
    const job = await queue.getJob(`notification-${id}`);
    expect(job?.failedReason).toContain('400');
    expect(job?.attemptsMade).toBe(1);
  });

  it('the sweep queues again a scheduled notification whose job was lost', async () => {
    fake.reset();
    const [userId] = await learnersWithDevices(db, 'lostjob', 1);
    // A row committed by a process that died before queueing its job.
    const {
      rows: [{ notification_id: id }],
    } = await db.query(
      `INSERT INTO notifications (user_id, type, title, body, scheduled_time)
       VALUES ($1, 'milestone', 'Found by the sweep', 'b', now() - interval '2 minutes') RETURNING notification_id`,
      [userId],
    );

    await eventually(() => statuses(db, [id]), allIn('sent', 1));
    expect(fake.received.filter((message) => message.title === 'Found by the sweep')).toHaveLength(1);
  });
});

describe('the global send rate', () => {
  let harness: TestHarness;

  beforeAll(async () => {
    harness = await TestHarness.start({ ...liveSettings(fake), PUSH_RATE_PER_SECOND: '50' });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('holds PUSH_RATE_PER_SECOND across two workers: jobs wait for their turn, none fails', async () => {
    fake.reset();
    const first = await harness.startWorker();
    await harness.startWorker();
    const db = await harness.database();
    const users = await learnersWithDevices(db, 'rate', 250);
    const startedAt = Date.now();
    const ids = await first.get(NotificationSender).send(drafts(users, 'Paced'));

    await eventually(() => statuses(db, ids), allIn('sent', 250), 20_000);

    // Timed from before the first send (arrival times jitter, the first request also loads the SDK):
    // the bucket starts with a tenth of a second's tokens, then grants 50 a second, so 250 messages
    // cannot all arrive sooner than (250 - 5) / 50 = 4.9 s after the start.
    const seconds = (Math.max(...fake.received.map((message) => message.at)) - startedAt) / 1000;
    expect(fake.count).toBe(250);
    expect(seconds).toBeGreaterThanOrEqual(4.9);
    // And the workers do keep up with the limit rather than crawling (generous for a busy machine).
    expect(250 / seconds).toBeGreaterThanOrEqual(25);
  }, 30_000);
});

describe('a worker killed mid-batch', () => {
  let harness: TestHarness;
  let child: ChildProcess | undefined;

  // A world per test: the worker that takes over after a kill must not run the next test's jobs.
  beforeEach(async () => {
    harness = await TestHarness.start(liveSettings(fake));
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    await harness?.close();
  });

  it('loses nothing and sends nothing twice: every device gets its push exactly once', async () => {
    fake.reset();
    const db = await harness.database();
    const users = await learnersWithDevices(db, 'crash', 200);
    // Queue the jobs from an app that processes nothing: the API.
    const api = await harness.startApi();
    fake.hold();
    const ids = await api.get(NotificationSender).send(drafts(users, 'Crash test'));

    child = startWorkerProcess(harness);
    // The first jobs are claimed and their pushes are at Expo, unanswered: kill the worker now.
    const inFlight = await eventually(
      async () => ({ sending: (await statuses(db, ids)).get('sending') ?? 0, received: fake.count }),
      ({ sending, received }) => sending > 0 && sending === received,
      30_000,
    );
    expect(inFlight.sending).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    fake.dropHeld();

    // BullMQ hands a dead worker's jobs to another once their locks expire and a stalled check has
    // seen them twice (30-60 s with its defaults); do what that wait would do, then start another worker.
    await expireLocksOfActiveJobs(harness);
    await harness.startWorker();
    const final = await eventually(
      () => statuses(db, ids),
      (counts) => (counts.get('sent') ?? 0) + (counts.get('failed') ?? 0) === 200,
      30_000,
    );

    expect(final.get('failed')).toBe(inFlight.sending);
    expect(final.get('sent')).toBe(200 - inFlight.sending);
    const counts = fake.countsByToken();
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const { rows } = await db.query(
      `SELECT DISTINCT last_error FROM notifications WHERE notification_id = ANY($1::int[]) AND status = 'failed'`,
      [ids],
    );
    expect(rows).toEqual([{ last_error: expect.stringContaining('interrupted while sending; not resent') }]);
  }, 90_000);

  it('loses nothing a worker had taken but not yet handed to the provider: the next try sends it', async () => {
    fake.reset();
    const db = await harness.database();
    const users = await learnersWithDevices(db, 'waiting', 20);
    const api = await harness.startApi();
    const queue = api.get<Queue>(getQueueToken('notifications'));
    const ids = await api.get(NotificationSender).send(drafts(users, 'Waiting'));

    // A worker paced at one push a second takes all 20 jobs, then waits for its rate tokens.
    child = startWorkerProcess(harness, { PUSH_RATE_PER_SECOND: '1' });
    await eventually(
      async () => (await queue.getJobCounts('active')).active,
      (active) => active === 20,
      30_000,
    );
    expect(fake.count).toBe(0);
    expect((await statuses(db, ids)).get('scheduled')).toBe(20);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));

    await expireLocksOfActiveJobs(harness);
    await harness.startWorker();
    await eventually(() => statuses(db, ids), allIn('sent', 20), 30_000);
    const counts = fake.countsByToken();
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  }, 90_000);
});

/**
 * What BullMQ's defaults would do in the 30-60 s after a worker dies: its job locks expire and the
 * stalled check marks its active jobs as stalled, so the next check (the new worker's first) moves
 * them back to waiting. Uses BullMQ 6's key layout: `<prefix>bull:<queue>:…`.
 */
async function expireLocksOfActiveJobs(harness: TestHarness): Promise<void> {
  const redis = new Redis(harness.environment.REDIS_URL);
  try {
    const keys = `${harness.environment.REDIS_KEY_PREFIX}bull:notifications`;
    const active = await redis.lrange(`${keys}:active`, 0, -1);
    if (active.length > 0) {
      await redis.del(...active.map((id) => `${keys}:${id}:lock`));
      await redis.sadd(`${keys}:stalled`, ...active);
    }
    await redis.del(`${keys}:stalled-check`);
  } finally {
    redis.disconnect();
  }
}

/** The real worker entry point in its own process, so it can be killed like a crashed pod. */
function startWorkerProcess(harness: TestHarness, overrides: Record<string, string> = {}): ChildProcess {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(harness.environment)) {
    if (value !== undefined) env[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  Object.assign(env, overrides);
  env.WORKER_PORT = String(20_000 + Math.floor(Math.random() * 20_000));
  env.HOST = '127.0.0.1';
  return spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/worker/src/main.ts'], {
    env,
    stdio: 'ignore',
  });
}
