import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@techtrek/platform';
import { Queue } from 'bullmq';
import type { Expo, ExpoPushMessage } from 'expo-server-sdk';
import pg from 'pg';
import { loadExpoSdk } from '../../libs/notifications/src/infrastructure/push/expo-sdk-loader.js';
import { FakeExpoServer } from '../../test/support/fake-expo-server.js';
import { median } from '../lib/stats.js';

/**
 * Learners whose reminders each delivery round takes through the worker: a subset of the 100 000.
 * On the shared 2-core machine the pipeline managed 100–150 notifications/s (2026-11-30), so all
 * of them would take over ten minutes a round; 5 000 keep a round under a minute and every queue
 * full for all of it.
 */
export const DELIVERY_LEARNERS = 5_000;
/** Delivery rounds at most (each costs far more than a tick round). */
const MAX_DELIVERY_ROUNDS = 3;
/** Expo's real limit, for the sanity run (PUSH_RATE_PER_SECOND). */
const EXPO_RATE = 600;
/** Messages of the sanity run: about 5 s at Expo's rate. */
const EXPO_RATE_MESSAGES = 3_000;
/** So high that the shared limiter never waits: the pipeline itself is measured. */
const UNLIMITED_RATE = 100_000;
/** expo-server-sdk's own limit of requests in flight (the worker's Expo client runs with it too). */
const SDK_CONCURRENT_REQUESTS = 6;
const SDK_CHUNK = 100;
/** A round that has not finished by then is reported as an error, not waited for. */
const ROUND_TIMEOUT_MS = 180_000;

export interface DeliveryPipelineRun {
  /** Reminder jobs released (the tick's output, queued while the queue was paused). */
  jobs: number;
  /** Messages the fake Expo server received. */
  messages: number;
  /** Notification rows `sent`. */
  sent: number;
  /** From releasing the jobs to the last message's arrival. */
  messageSeconds: number;
  /** From releasing the jobs to every notification `sent`. */
  sentSeconds: number;
  messagesPerSecond: number;
  notificationsPerSecond: number;
}

interface DeliveryRound {
  round: number;
  pipeline: DeliveryPipelineRun;
  /** The same messages straight through expo-server-sdk: no database, no queue. */
  baseline: { seconds: number; messages: number; messagesPerSecond: number };
  /** pipeline messages/s ÷ baseline messages/s. */
  ratio: number;
}

export interface DeliveryResult {
  description: string;
  baseline: string;
  learners: number;
  rounds: DeliveryRound[];
  medians: {
    messagesPerSecond: number;
    notificationsPerSecond: number;
    baselineMessagesPerSecond: number;
    ratio: number;
  };
  /** At Expo's real limit (PUSH_RATE_PER_SECOND=600): does the pipeline keep up? */
  expoLimit: DeliveryPipelineRun & { ratePerSecond: number; keepsUp: boolean };
}

export interface DeliveryContext {
  env: Readonly<Record<string, string>>;
  client: pg.Client;
  /** The `reminders` queue (the bench's prefix), as the tick fills it. */
  reminders: Queue;
  rounds: number;
  /**
   * Makes exactly the first `learners` bench learners due (no claims, no notifications, empty
   * reminders queue), then runs the tick; returns the number of jobs it queued.
   */
  tick(learners: number): Promise<number>;
  /** SQL selecting the bench learners' user ids. */
  learnerIds: string;
  log(line: string): void;
  errors: string[];
}

/**
 * The delivery half of the `reminders` scenario: the tick's `reminder:<userId>:<localDate>` jobs
 * go through the real worker app (started in this process from source, PUSH_DELIVERY=live against
 * a local fake Expo server): reminder job → notification row and `notification.deliver` job →
 * batcher, shared rate limiter, expo-server-sdk → fake Expo → row `sent`. Each round queues the
 * jobs with the queue paused, then times from resuming it until every notification is `sent`.
 * Baseline, alternating: the messages the round delivered, sent again straight with
 * expo-server-sdk to the same fake server. Last, one short run at Expo's 600/s.
 */
export async function measureDelivery(context: DeliveryContext): Promise<DeliveryResult> {
  const { client, log } = context;
  const fake = await FakeExpoServer.start();
  // expo-server-sdk reads its endpoint once per process: the worker and the baseline share it.
  const ExpoSdk = await loadExpoSdk(fake.url);
  await giveDevices(client, context.learnerIds, DELIVERY_LEARNERS);
  const rounds: DeliveryRound[] = [];
  let worker: NestFastifyApplication | undefined;
  try {
    worker = await startWorker(context, fake, UNLIMITED_RATE);
    for (let round = 1; round <= Math.min(context.rounds, MAX_DELIVERY_ROUNDS); round += 1) {
      const pipeline = await runPipeline(context, fake, DELIVERY_LEARNERS);
      // The fake records each message as sent (`sound` too, which its type leaves out).
      const messages = fake.received.map(({ at: _at, ticketId: _ticketId, ...message }) => message as ExpoPushMessage);
      const baseline = await runSdkBaseline(new ExpoSdk(), fake, messages);
      const ratio = pipeline.messagesPerSecond / baseline.messagesPerSecond;
      rounds.push({ round, pipeline, baseline, ratio });
      log(
        `  delivery round ${round}: ${pipeline.messagesPerSecond.toFixed(0)} messages/s, ` +
          `${pipeline.notificationsPerSecond.toFixed(0)} notifications/s (${pipeline.sentSeconds.toFixed(2)} s), ` +
          `SDK straight ${baseline.messagesPerSecond.toFixed(0)} messages/s, ratio ${ratio.toFixed(3)}`,
      );
    }
    await worker.close();
    worker = await startWorker(context, fake, EXPO_RATE);
    const limited = await runPipeline(context, fake, EXPO_RATE_MESSAGES);
    // A finding like a missed target, not a measurement error: it does not fail the scenario.
    const keepsUp = limited.messagesPerSecond >= EXPO_RATE * 0.95;
    log(
      `  at PUSH_RATE_PER_SECOND=${EXPO_RATE}: ${limited.messagesPerSecond.toFixed(0)} messages/s, ` +
        `${limited.notificationsPerSecond.toFixed(0)} notifications/s (${limited.messages} in ` +
        `${limited.sentSeconds.toFixed(2)} s): ${keepsUp ? 'keeps up' : 'does NOT keep up'}`,
    );
    return {
      description:
        `${DELIVERY_LEARNERS} of the due learners (one Expo device each): the tick's reminder jobs through the worker ` +
        `(PUSH_DELIVERY=live, PUSH_RATE_PER_SECOND=${UNLIMITED_RATE}) to a fake Expo server, until every notification is sent`,
      baseline:
        `the same messages straight with expo-server-sdk to the same fake server, chunks of ${SDK_CHUNK}, ` +
        `${SDK_CONCURRENT_REQUESTS} requests in flight (the SDK's limit), no database, no queue`,
      learners: DELIVERY_LEARNERS,
      rounds,
      medians: {
        messagesPerSecond: median(rounds.map((r) => r.pipeline.messagesPerSecond)) ?? Number.NaN,
        notificationsPerSecond: median(rounds.map((r) => r.pipeline.notificationsPerSecond)) ?? Number.NaN,
        baselineMessagesPerSecond: median(rounds.map((r) => r.baseline.messagesPerSecond)) ?? Number.NaN,
        ratio: median(rounds.map((r) => r.ratio)) ?? Number.NaN,
      },
      expoLimit: { ...limited, ratePerSecond: EXPO_RATE, keepsUp },
    };
  } finally {
    await worker?.close();
    await fake.stop();
  }
}

/** One Expo device (iOS) for each of the first `count` learners; kept between runs, like the learners. */
async function giveDevices(client: pg.Client, learnerIds: string, count: number): Promise<void> {
  await client.query(
    `INSERT INTO devices (user_id, token, platform, provider)
     SELECT user_id, 'ExponentPushToken[bench-' || row_number() OVER (ORDER BY user_id) || ']', 'ios', 'expo'
     FROM (${learnerIds} ORDER BY user_id LIMIT $1) AS learners
     ON CONFLICT (token) DO NOTHING`,
    [count],
  );
}

/** The real worker app, as `main.ts` runs it but in this process (from source). */
async function startWorker(
  { env }: DeliveryContext,
  fake: FakeExpoServer,
  ratePerSecond: number,
): Promise<NestFastifyApplication> {
  const environment = validateEnvironment({
    ...env,
    LOG_LEVEL: 'error',
    PUSH_DELIVERY: 'live',
    EXPO_API_URL: fake.url,
    PUSH_RATE_PER_SECOND: String(ratePerSecond),
    // The bench runs the tick itself; the worker only sends.
    REMINDER_TICK_ENABLED: 'false',
    // No receipt checks or sweeps during the rounds (receipts are 15 minutes away anyway).
    PUSH_MAINTENANCE_INTERVAL_SECONDS: '3600',
  });
  const { createWorkerApp } = await import('../../apps/worker/src/bootstrap.js');
  const app = await createWorkerApp(environment);
  await app.init();
  return app;
}

/** Queues `learners` reminder jobs with the queue paused, then releases them and times delivery. */
async function runPipeline(context: DeliveryContext, fake: FakeExpoServer, learners: number) {
  const { client, reminders, errors } = context;
  await reminders.obliterate({ force: true });
  await reminders.pause();
  const jobs = await context.tick(learners);
  fake.reset();
  const startedAt = Date.now();
  const started = performance.now();
  await reminders.resume();
  const deadline = started + ROUND_TIMEOUT_MS;
  // The fake's count costs nothing to read; the database is asked only once every message is in.
  while (fake.count < jobs && performance.now() < deadline) await sleep(10);
  let sent = 0;
  for (;;) {
    sent = await sentCount(client, context.learnerIds);
    if (sent >= jobs || performance.now() >= deadline) break;
    await sleep(20);
  }
  const sentSeconds = (performance.now() - started) / 1000;
  const lastArrival = Math.max(startedAt, ...fake.received.map(({ at }) => at));
  const messageSeconds = (lastArrival - startedAt) / 1000;
  if (fake.count !== jobs || sent !== jobs) {
    errors.push(`delivery of ${jobs} reminders: ${fake.count} messages received, ${sent} notifications sent`);
  }
  await idle(context);
  return {
    jobs,
    messages: fake.count,
    sent,
    messageSeconds,
    sentSeconds,
    messagesPerSecond: fake.count / messageSeconds,
    notificationsPerSecond: sent / sentSeconds,
  };
}

async function sentCount(client: pg.Client, learnerIds: string): Promise<number> {
  const { rows } = await client.query<{ sent: number }>(
    `SELECT count(*)::int AS sent FROM notifications WHERE status = 'sent' AND user_id IN (${learnerIds})`,
  );
  return rows[0]!.sent;
}

/** Waits until the worker has finished its last jobs, so none runs during the baseline. */
async function idle({ reminders }: DeliveryContext): Promise<void> {
  const notifications = new Queue('notifications', {
    connection: reminders.opts.connection,
    prefix: reminders.opts.prefix,
  });
  try {
    for (let tries = 0; tries < 500; tries += 1) {
      const counts = await Promise.all([reminders, notifications].map((queue) => queue.getJobCounts('active', 'wait')));
      if (counts.every(({ active, wait }) => active === 0 && wait === 0)) return;
      await sleep(20);
    }
  } finally {
    await notifications.close();
  }
}

/** The round's messages again, straight through the SDK: the fake server's ceiling with this client. */
async function runSdkBaseline(expo: Expo, fake: FakeExpoServer, messages: ExpoPushMessage[]) {
  fake.reset();
  const chunks = expo.chunkPushNotifications(messages);
  const started = performance.now();
  // The SDK queues requests beyond its limit of requests in flight itself.
  await Promise.all(chunks.map((chunk) => expo.sendPushNotificationsAsync(chunk)));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, messages: fake.count, messagesPerSecond: fake.count / seconds };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
