import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { defineScenario } from '../lib/scenario.js';

/** An exercise as lesson_versions.exercises stores it: the answer key the server grades with. */
interface StoredExercise {
  id: string;
  kind: 'single_choice' | 'multiple_choice' | 'true_false' | 'ordering' | 'fill_blank';
  correct: unknown[];
}

/**
 * The right answer in the shape a learner sends it: the option (single choice), the options
 * (multiple choice), the boolean (true/false), the items in order (ordering), the text (fill in
 * the blank). As test/support/lesson-answers.ts does; the bench does not import test code.
 */
function rightAnswer(exercise: StoredExercise): unknown {
  return exercise.kind === 'multiple_choice' || exercise.kind === 'ordering' ? exercise.correct : exercise.correct[0];
}

/** The first published lesson of the catalogue, with its published version's answer key. */
async function firstPublishedLesson(
  databaseUrl: string | undefined,
): Promise<{ lessonId: number; exercises: StoredExercise[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ lessonId: number; exercises: StoredExercise[] }>(
      `SELECT l.lesson_id AS "lessonId", v.exercises
       FROM lessons l JOIN lesson_versions v ON v.lesson_id = l.lesson_id AND v.version = l.published_version
       JOIN topics t ON t.topic = l.topic
       WHERE l.status = 'published' ORDER BY t.position, l.sequence_order, l.lesson_id LIMIT 1`,
    );
    if (!rows[0]) throw new Error('the bench database has no published lesson (did the seed run?)');
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * A learner submits a lesson attempt, every answer right, with no Idempotency-Key: every request
 * records a new attempt, the realistic write path (grading, then in one transaction the attempt,
 * the progress upsert, the XP ledger, the streak, badges and the outbox). The yardstick is
 * servers/pg-insert.mjs: bare Fastify doing ONE INSERT of the same body per request, loaded with
 * the same request. So the ratio reads "how much of the machine's one-write-per-request
 * throughput survives everything a real submission does".
 *
 * Every request comes from the same learner (the runner sends one identical request), so their
 * progress, XP and streak rows are updated by up to BENCH_CONNECTIONS transactions at once and
 * wait on each other's row locks: a harder case than many learners each submitting now and then.
 */
export default defineScenario({
  name: 'progress-submit',
  description: 'POST /progress, all answers right (grading + one write transaction) vs one INSERT per request',
  request: { method: 'POST', path: '/progress' },
  expectedStatus: 201,
  baseline: { kind: 'server', script: 'bench/servers/pg-insert.mjs', perRequest: 'one INSERT (Fastify + pg)' },
  // Issue #5's goal; p99 is reported, not targeted.
  target: { minThroughputRatio: 0.35 },
  async setup({ baseUrl, env, log }) {
    // A new learner per run (the bench database is kept), so no earlier run's history applies.
    // Its access token lives 15 minutes by default; a run of this scenario is much shorter.
    const stamp = Date.now().toString(36);
    const email = `bench-progress-${stamp}@example.com`;
    const signup = await fetch(`${baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email,
        username: `bench_p_${stamp}`,
        password: `amber canyon ${randomBytes(12).toString('base64url')} meadow`,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (signup.status !== 201) {
      throw new Error(`POST /auth/signup answered ${signup.status}: ${(await signup.text()).slice(0, 300)}`);
    }
    const { accessToken } = (await signup.json()) as { accessToken: string };

    const lesson = await firstPublishedLesson(env.DATABASE_URL);
    const answers = lesson.exercises.map((exercise) => ({ exerciseId: exercise.id, answer: rightAnswer(exercise) }));
    log(`signed up ${email}; submitting lesson ${lesson.lessonId} (${answers.length} exercises, all right)`);
    return {
      request: {
        headers: { authorization: `Bearer ${accessToken}` },
        body: { lessonId: lesson.lessonId, answers },
      },
    };
  },
});
