import { measureHintMisses } from '../jobs/hint-miss.js';
import {
  askHint,
  grantQuotaHeadroom,
  hintEnvironment,
  hintExercise,
  signUpLearner,
  startFakeOpenAi,
  startHintWorker,
  stopHintServers,
  type HintBody,
} from '../jobs/hint-support.js';
import { defineScenario } from '../lib/scenario.js';

/**
 * Issue #7's benchmark. The rounds: a cached hint, the same learner asking the same thing over and
 * over (every answer is a cache hit: the quota's Lua script and the cache read in Redis, one
 * `hint_requests` row written, no job), against the same bytes from bare Fastify; p99 is the
 * figure to read. Setup warms that hint through the real path: the built worker app over a fake
 * OpenAI, which it then stops. `extra`: cache misses through API, queue and worker over a fake
 * OpenAI with a fixed latency, against the same calls made straight with the SDK
 * (bench/jobs/hint-miss.ts); target: < 15 ms added at p50.
 */
export default defineScenario({
  name: 'hint',
  description: 'POST /ai/hint: a cache hit (rounds); a miss through the worker over a fake OpenAI (extra)',
  request: { method: 'POST', path: '/ai/hint' },
  expectedStatus: 200,
  async setup({ baseUrl, env, log }) {
    const { lessonId, exerciseId } = await hintExercise(env.DATABASE_URL);
    const { userId, accessToken } = await signUpLearner(baseUrl, 'hint');
    // The learner's own words, new each run: so the warm-up below is a miss that goes through the
    // worker and OpenAI (an entry an earlier run cached would come from wherever that run got it).
    const body: HintBody = { lessonId, exerciseId, level: 2, userAnswer: `the one about ${Date.now().toString(36)}` };
    const fake = await startFakeOpenAi();
    const worker = await startHintWorker(hintEnvironment(env, fake)).catch(async (error: unknown) => {
      await fake.close();
      throw error;
    });
    try {
      const written = await askHint(baseUrl, accessToken, body);
      const cached = await askHint(baseUrl, accessToken, body);
      if (written.cached || written.provider !== 'openai') {
        throw new Error(`the warm-up hint is not a fresh OpenAI hint: ${JSON.stringify(written)}`);
      }
      if (!cached.cached || cached.hint !== written.hint) {
        throw new Error(`the second ask is not the cached hint: ${JSON.stringify(cached)}`);
      }
    } finally {
      await stopHintServers([worker], fake);
    }
    await grantQuotaHeadroom(env, userId);
    log(`lesson ${lessonId}, exercise ${exerciseId}: hint written by OpenAI (fake), now cached; worker stopped`);
    return { request: { headers: { authorization: `Bearer ${accessToken}` }, body } };
  },
  extra: measureHintMisses,
});
