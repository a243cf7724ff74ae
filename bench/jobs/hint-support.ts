import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startFakeAiProviders, type FakeAiProviders } from '../../test/support/fake-ai-providers.js';
import type { HintResponse } from '../../test/support/hint-response.js';
import { startWorker, type RunningServer } from '../lib/api.js';
import { stopProcess } from '../lib/processes.js';

/** The fake OpenAI's fixed latency: about what gpt-4o takes to write a short hint. */
export const PROVIDER_LATENCY_MS = 200;

/** The fake's answer: a nudge that names no option, so the answer-leak guard lets it through. */
export const HINT_REPLY = 'Look again at how the lesson defines the term, then compare it with each option.';

/** The hint body, as a learner's app sends it. */
export interface HintBody {
  lessonId: number;
  exerciseId: string;
  level: 1 | 2 | 3;
  userAnswer: string;
}

/** What POST /ai/hint answers with 200. */
export type HintAnswer = HintResponse;

/**
 * A single-choice exercise of the first published beginner lesson that has one: the default
 * routing policy sends its hints to OpenAI first (an advanced lesson's would go to Anthropic).
 */
export async function hintExercise(databaseUrl: string | undefined): Promise<{ lessonId: number; exerciseId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ lessonId: number; exerciseId: string }>(
      `SELECT l.lesson_id AS "lessonId", e->>'id' AS "exerciseId"
       FROM lessons l
       JOIN lesson_versions v ON v.lesson_id = l.lesson_id AND v.version = l.published_version
       CROSS JOIN LATERAL jsonb_array_elements(v.exercises) AS e
       WHERE l.status = 'published' AND v.difficulty = 'beginner' AND e->>'kind' = 'single_choice'
       ORDER BY l.lesson_id LIMIT 1`,
    );
    if (!rows[0]) throw new Error('the bench database has no published beginner lesson with a single-choice exercise');
    return rows[0];
  } finally {
    await client.end();
  }
}

/** A new learner through the API (the bench database is kept, so one per run). */
export async function signUpLearner(baseUrl: string, label: string): Promise<{ userId: number; accessToken: string }> {
  const stamp = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const response = await fetch(`${baseUrl}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${label}-${stamp}@example.com`,
      username: `bench_${label.replaceAll('-', '_')}_${stamp}`,
      password: `copper lantern ${randomBytes(12).toString('base64url')} willow`,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) {
    throw new Error(`POST /auth/signup answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  const { user, accessToken } = (await response.json()) as { user: { id: number }; accessToken: string };
  return { userId: user.id, accessToken };
}

/** Hints of headroom a learner gets beyond HINT_DAILY_QUOTA (see `grantQuotaHeadroom`). */
const QUOTA_HEADROOM = 10_000_000;

/**
 * Every hint, a cached one too, spends a unit of the learner's daily quota, and the API accepts
 * no HINT_DAILY_QUOTA above 100 000: the rounds of a cache hit, one learner at thousands of
 * requests a second, would spend that. So the learner's counter for today (the key and the Lua
 * script's arithmetic of libs/ai's RedisHintQuota) starts QUOTA_HEADROOM below zero: every
 * request still runs the reservation script, which now grants them all.
 */
export async function grantQuotaHeadroom(env: Readonly<Record<string, string>>, userId: number): Promise<void> {
  const redis = new Redis(env.REDIS_URL || 'redis://127.0.0.1:6379', { keyPrefix: env.REDIS_KEY_PREFIX });
  try {
    const day = new Date().toISOString().slice(0, 10);
    await redis.set(`ai:quota:${userId}:${day}`, -QUOTA_HEADROOM, 'EX', 2 * 86_400);
  } finally {
    redis.disconnect();
  }
}

/** One POST /ai/hint; throws unless it answers 200 with a hint. */
export async function askHint(baseUrl: string, accessToken: string, body: HintBody): Promise<HintAnswer> {
  const response = await fetch(`${baseUrl}/ai/hint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /ai/hint answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as HintAnswer;
}

/** A local server speaking OpenAI's wire format, answering HINT_REPLY after PROVIDER_LATENCY_MS. */
export async function startFakeOpenAi(): Promise<FakeAiProviders> {
  const fake = await startFakeAiProviders();
  fake.setDefault('openai', { reply: HINT_REPLY, delayMs: PROVIDER_LATENCY_MS });
  return fake;
}

/**
 * Settings for an API or worker that asks the fake OpenAI (and no other provider: keys the
 * developer's shell may hold are blanked, so nothing real is ever called).
 */
export function hintEnvironment(env: Readonly<Record<string, string>>, fake: FakeAiProviders): Record<string, string> {
  return {
    ...env,
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: fake.baseUrls.openai,
    ANTHROPIC_API_KEY: '',
    GEMINI_API_KEY: '',
  };
}

/**
 * The built worker app over the fake OpenAI, with its own schedulers quiet: no reminder tick, no
 * push receipts or sweeps while hints are measured. It still relays the outbox and runs any job
 * another scenario left queued.
 */
export function startHintWorker(env: Record<string, string>): Promise<RunningServer> {
  return startWorker({ ...env, REMINDER_TICK_ENABLED: 'false', PUSH_MAINTENANCE_INTERVAL_SECONDS: '3600' });
}

/** Stops what a hint measurement started, whatever got started. */
export async function stopHintServers(
  servers: Array<RunningServer | undefined>,
  fake?: FakeAiProviders,
): Promise<void> {
  await Promise.all(servers.map((server) => server && stopProcess(server.process)));
  await fake?.close();
}
