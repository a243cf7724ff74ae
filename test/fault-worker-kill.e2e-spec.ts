import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { WorkerProcess } from './support/app-process.js';
import { asUser, signUpAdmin } from './support/auth-client.js';
import { eventually } from './support/eventually.js';
import { FakeExpoServer } from './support/fake-expo-server.js';
import { faultVariables } from './support/private-services.js';
import { TestHarness } from './support/test-harness.js';
import { TEST_REDIS_URL } from './support/test-run.js';

const LEARNERS = 300;
/**
 * Tuned down from BullMQ's 30 s each: a dead worker's jobs go back to the queue within ~7 s. Not
 * lower: a live worker on a loaded machine must still renew its locks in time (every 2.5 s).
 */
const STALLED_JOBS = { QUEUE_LOCK_DURATION_MS: '5000', QUEUE_STALLED_INTERVAL_MS: '2000' };
const SETTLED_MS = 40_000;

/**
 * A worker process delivers a broadcast and is killed with SIGKILL while the push service holds its
 * first requests (mid-batch). A second worker (in this process: only the one killed must be a
 * process of its own, and this one starts in seconds) takes over its jobs once their locks expire
 * (BullMQ's stalled-job check): every learner gets exactly one push, none twice, none lost.
 */
describe('fault: a worker killed with SIGKILL mid-batch', () => {
  let fake: FakeExpoServer;
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let doomed: WorkerProcess | undefined;
  let variables: Record<string, string>;

  beforeAll(async () => {
    fake = await FakeExpoServer.start();
    const settings = {
      PUSH_DELIVERY: 'live',
      EXPO_API_URL: fake.url,
      REMINDER_TICK_ENABLED: 'false',
      OUTBOX_RELAY_INTERVAL_MS: '50',
      DATABASE_POOL_SIZE: '10',
      ...STALLED_JOBS,
    };
    harness = await TestHarness.start(settings);
    api = await harness.startApi();
    db = await harness.database();
    variables = faultVariables(
      { databaseUrl: harness.databaseUrl, redisUrl: TEST_REDIS_URL },
      { ...settings, REDIS_KEY_PREFIX: harness.environment.REDIS_KEY_PREFIX, LOG_LEVEL: 'warn' },
    );
    doomed = await WorkerProcess.start('worker-1', variables);
  }, 90_000);

  afterAll(async () => {
    fake?.release();
    await doomed?.stop();
    await harness?.close();
    await fake?.stop();
  });

  const statuses = async (broadcastId: number) =>
    (
      await db.query<{ status: string; lastError: string | null; n: number }>(
        `SELECT status, last_error AS "lastError", count(*)::int AS n FROM notifications
         WHERE broadcast_id = $1 GROUP BY status, last_error ORDER BY status`,
        [broadcastId],
      )
    ).rows;

  it('hands the dead worker’s jobs to the other one: exactly one push per learner', async () => {
    await db.query(
      `WITH learners AS (
         INSERT INTO users (email, username, password_hash)
         SELECT 'killed' || g || '@example.com', 'killed' || g, 'x' FROM generate_series(1, $1::int) g
         RETURNING user_id)
       INSERT INTO devices (user_id, token, platform, provider)
       SELECT user_id, 'ExponentPushToken[killed-' || user_id || ']', 'ios', 'expo' FROM learners`,
      [LEARNERS],
    );
    const admin = await signUpAdmin(api, db);
    fake.hold();
    const started = await asUser(api, admin.accessToken)('POST', '/admin/notifications/broadcast', {
      title: 'Mid-batch',
      body: 'One of the workers will not see this through',
      audience: 'all',
    });
    expect(started.statusCode).toBe(202);
    const broadcastId = started.json<{ id: number }>().id;

    // The only worker so far has handed its first batches to the push service, which holds them.
    const held = await eventually(
      async () => fake.count,
      (count) => count > 0,
    );
    expect(held).toBeGreaterThan(0);
    await harness.startWorker();
    await doomed!.kill();
    fake.release();

    const tokens = await eventually(
      async () => fake.countsByToken(),
      (counts) => counts.size >= LEARNERS,
      SETTLED_MS,
    );
    const settled = await eventually(
      () => statuses(broadcastId),
      (rows) => rows.every((row) => row.status === 'sent' || row.status === 'failed'),
      SETTLED_MS,
    );

    // Exactly one push per device (the admin has none): none twice, none lost.
    const ours = [...tokens].filter(([token]) => token.startsWith('ExponentPushToken[killed-'));
    expect({ pushed: ours.length, settled }).toEqual({ pushed: LEARNERS, settled });
    expect(ours.filter(([, count]) => count !== 1)).toEqual([]);
    // Every row is settled; those the dead worker had handed over are recorded as interrupted
    // (the provider has them: they count among the pushes above), never sent again.
    expect(settled.reduce((sum, row) => sum + row.n, 0)).toBe(LEARNERS);
    const interrupted = settled.filter((row) => row.status === 'failed');
    // The kill did land mid-batch: the dead worker had handed notifications over, and the fake got them.
    expect(interrupted).toEqual([
      { status: 'failed', lastError: expect.stringMatching(/^interrupted while sending/), n: expect.any(Number) },
    ]);
    expect(interrupted[0]!.n).toBeGreaterThanOrEqual(held);
  }, 90_000);
});
