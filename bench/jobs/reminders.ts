import { Queue } from 'bullmq';
import pg from 'pg';
import { CLAIM_DUE_REMINDERS_SQL } from '../../libs/notifications/src/infrastructure/persistence/sql-reminder-claim-due.js';
import type { JobScenarioContext } from '../lib/job-scenarios.js';
import { median } from '../lib/stats.js';
import { measureDelivery, type DeliveryResult } from './reminder-delivery.js';

/** Learners whose reminder falls in the same minute (issue #6). */
export const DUE_LEARNERS = 100_000;
/** As the worker's tick (REMINDER_TICK_BATCH). */
const BATCH = 5_000;
const EMAIL_PATTERN = 'bench-remind-%@example.com';
const LEARNER_IDS = `SELECT user_id FROM users WHERE email LIKE '${EMAIL_PATTERN}'`;

interface Round {
  round: number;
  /** Select, claim, move on and enqueue all DUE_LEARNERS, as the tick does. */
  tick: { seconds: number; jobs: number; jobsPerSecond: number; batches: number };
  /** Raw BullMQ addBulk of the same number of jobs, in the same batches. */
  baseline: { seconds: number; jobs: number; jobsPerSecond: number };
  ratio: number;
}

export interface RemindersResult {
  scenario: 'reminders';
  description: string;
  baseline: string;
  learners: number;
  batch: number;
  rounds: Round[];
  medians: { tickJobsPerSecond: number; baselineJobsPerSecond: number; ratio: number; tickSeconds: number };
  dueQuery: { executionMs: number; planningMs: number; usesIndex: boolean; plan: string };
  claimStatement: { executionMs: number; plan: string };
  /** Delivery through the worker to a fake Expo server (bench/jobs/reminder-delivery.ts); null if it threw. */
  delivery: DeliveryResult | null;
  errors: string[];
}

/**
 * The `reminders` scenario (not HTTP: the runner calls `measure` with the bench database): 100 000
 * learners due in the same minute, seeded with one INSERT … SELECT generate_series each for users
 * and preferences (idempotent). Each round resets their schedule to this minute, then runs the
 * tick's own statement (CLAIM_DUE_REMINDERS_SQL) batch by batch with the addBulk of the claims'
 * jobs and the claims' enqueued_at, until none is due; the baseline round adds the same number of
 * jobs with raw addBulk. Rounds alternate, the ratio is taken per round (bench/README.md). Then the
 * delivery half (reminder-delivery.ts): the tick's jobs through the real worker to a fake Expo server.
 */
export async function measure({ env, rounds, log }: JobScenarioContext): Promise<RemindersResult> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const connection = { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };
  const prefix = `${env.REDIS_KEY_PREFIX ?? 'techtrek-bench:'}bull`;
  const tickQueue = new Queue('reminders', { connection, prefix });
  const baselineQueue = new Queue('bench-baseline-addbulk', { connection, prefix });
  const errors: string[] = [];
  try {
    await seed(client, log);
    const results: Round[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const now = await reset(client, tickQueue, baselineQueue);
      const tick = await runTick(client, tickQueue, now);
      const baseline = await runBaseline(baselineQueue, tick.jobs);
      if (tick.jobs !== DUE_LEARNERS) errors.push(`round ${round}: ${tick.jobs} jobs, expected ${DUE_LEARNERS}`);
      const ratio = tick.jobsPerSecond / baseline.jobsPerSecond;
      results.push({ round, tick, baseline, ratio });
      log(
        `  round ${round}: tick ${tick.jobsPerSecond.toFixed(0)} jobs/s (${tick.seconds.toFixed(2)} s), ` +
          `addBulk ${baseline.jobsPerSecond.toFixed(0)} jobs/s, ratio ${ratio.toFixed(2)}`,
      );
    }
    const now = await reset(client, tickQueue, baselineQueue);
    const dueQuery = await explainDue(client, now);
    const claimStatement = await explainClaim(client, now);
    if (!dueQuery.usesIndex) errors.push('the due-users query does not use notification_preferences_reminder_due_idx');
    const delivery = await measureDelivery({
      env,
      client,
      reminders: tickQueue,
      rounds,
      learnerIds: LEARNER_IDS,
      log,
      errors,
      // The queue is emptied and paused by the caller: only the schedules are reset here.
      tick: async (learners) => (await runTick(client, tickQueue, await resetSchedules(client, learners))).jobs,
    }).catch((error: unknown) => {
      errors.push(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    });
    await reset(client, tickQueue, baselineQueue);
    return {
      scenario: 'reminders',
      description: `${DUE_LEARNERS} learners due in the same minute: select, claim, move on and enqueue (the tick)`,
      baseline: `raw BullMQ addBulk of ${DUE_LEARNERS} jobs in batches of ${BATCH}`,
      learners: DUE_LEARNERS,
      batch: BATCH,
      rounds: results,
      medians: {
        tickJobsPerSecond: median(results.map((r) => r.tick.jobsPerSecond)) ?? Number.NaN,
        baselineJobsPerSecond: median(results.map((r) => r.baseline.jobsPerSecond)) ?? Number.NaN,
        ratio: median(results.map((r) => r.ratio)) ?? Number.NaN,
        tickSeconds: median(results.map((r) => r.tick.seconds)) ?? Number.NaN,
      },
      dueQuery,
      claimStatement,
      delivery,
      errors,
    };
  } finally {
    await tickQueue.close();
    await baselineQueue.close();
    await client.end();
  }
}

async function seed(client: pg.Client, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await client.query(
    `INSERT INTO users (email, username, password_hash)
     SELECT 'bench-remind-' || i || '@example.com', 'remind_' || i, '!bench-no-login'
     FROM generate_series(1, $1::int) AS i
     ON CONFLICT (email) DO NOTHING`,
    [DUE_LEARNERS],
  );
  await client.query(
    `INSERT INTO notification_preferences (user_id, time_zone)
     SELECT user_id, 'UTC' FROM users WHERE email LIKE '${EMAIL_PATTERN}'
     ON CONFLICT (user_id) DO NOTHING`,
  );
  await client.query(`ANALYZE notification_preferences`);
  log(`  ${DUE_LEARNERS} reminder learners ready (${Date.now() - started} ms)`);
}

/** Everyone due this very minute again, no claims, empty queues; returns the tick's `now`. */
async function reset(client: pg.Client, tickQueue: Queue, baselineQueue: Queue): Promise<Date> {
  await tickQueue.obliterate({ force: true });
  await baselineQueue.obliterate({ force: true });
  return resetSchedules(client, DUE_LEARNERS);
}

/**
 * The first `due` learners (by id) due this very minute, the others not due at all; no claims and
 * no notifications (the delivery rounds make some); returns the tick's `now`.
 */
async function resetSchedules(client: pg.Client, due: number): Promise<Date> {
  await client.query(`DELETE FROM reminder_claims WHERE user_id IN (${LEARNER_IDS})`);
  await client.query(`DELETE FROM notifications WHERE user_id IN (${LEARNER_IDS})`);
  const { rows } = await client.query<{ now: Date }>(
    `WITH minute AS (SELECT date_trunc('minute', now()) AS at),
     learners AS (SELECT user_id, row_number() OVER (ORDER BY user_id) <= $1 AS due FROM (${LEARNER_IDS}) AS ids)
     UPDATE notification_preferences p
     SET reminder_send_time = (minute.at AT TIME ZONE 'UTC')::time,
         reminder_due_on = CASE WHEN learners.due THEN (minute.at AT TIME ZONE 'UTC')::date END,
         reminder_due_at = CASE WHEN learners.due THEN minute.at END, practised_on = NULL, time_zone = 'UTC'
     FROM minute, learners
     WHERE learners.user_id = p.user_id
     RETURNING minute.at + interval '30 seconds' AS now`,
    [due],
  );
  await client.query(`VACUUM ANALYZE notification_preferences`);
  await client.query(`VACUUM ANALYZE reminder_claims`);
  return rows[0]!.now;
}

/** What RunReminderTickUseCase does, with the same statements (without Nest around it). */
async function runTick(client: pg.Client, queue: Queue, now: Date) {
  const started = performance.now();
  let jobs = 0;
  let batches = 0;
  for (;;) {
    const { rows } = await client.query<{ due: number; claims: { userId: number; localDate: string }[] }>({
      name: 'reminders.claim-due',
      text: CLAIM_DUE_REMINDERS_SQL,
      values: [now, BATCH],
    });
    const { due, claims } = rows[0]!;
    if (due === 0) break;
    batches += 1;
    if (claims.length === 0) continue;
    await queue.addBulk(
      claims.map((claim) => ({
        name: 'reminder.send',
        data: claim,
        opts: { jobId: `reminder:${claim.userId}:${claim.localDate}` },
      })),
    );
    await client.query(
      `UPDATE reminder_claims c SET enqueued_at = $3
       FROM unnest($1::int[], $2::date[]) AS q (user_id, local_date)
       WHERE c.user_id = q.user_id AND c.local_date = q.local_date AND c.kind = 'daily'`,
      [claims.map((claim) => claim.userId), claims.map((claim) => claim.localDate), now],
    );
    jobs += claims.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, jobs, jobsPerSecond: jobs / seconds, batches };
}

async function runBaseline(queue: Queue, count: number) {
  const started = performance.now();
  for (let offset = 0; offset < count; offset += BATCH) {
    const size = Math.min(BATCH, count - offset);
    await queue.addBulk(
      Array.from({ length: size }, (_, index) => ({
        name: 'reminder.send',
        data: { userId: offset + index, localDate: '2026-01-01' },
        opts: { jobId: `reminder:${offset + index}:2026-01-01` },
      })),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, jobs: count, jobsPerSecond: count / seconds };
}

const planText = (rows: Record<string, string>[]): string => rows.map((row) => Object.values(row)[0]).join('\n');
const timing = (plan: string, label: string): number =>
  Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);

/** The due-users query as the tick's first step runs it (one batch), in a transaction rolled back. */
async function explainDue(client: pg.Client, now: Date) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(
      `EXPLAIN (ANALYZE, BUFFERS)
       SELECT p.user_id FROM notification_preferences p
       WHERE p.reminder_due_at <= $1 AND p.reminder_due_at IS NOT NULL
       ORDER BY p.reminder_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const plan = planText(rows);
    return {
      executionMs: timing(plan, 'Execution Time'),
      planningMs: timing(plan, 'Planning Time'),
      usesIndex: plan.includes('notification_preferences_reminder_due_idx'),
      plan,
    };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The whole claim statement (one batch), in a transaction rolled back. */
async function explainClaim(client: pg.Client, now: Date) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${CLAIM_DUE_REMINDERS_SQL}`, [now, BATCH]);
    const plan = planText(rows);
    return { executionMs: timing(plan, 'Execution Time'), plan };
  } finally {
    await client.query('ROLLBACK');
  }
}
