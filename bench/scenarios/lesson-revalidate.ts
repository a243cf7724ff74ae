import { defineScenario } from '../lib/scenario.js';

/**
 * A client (or CDN) revalidating a lesson it already holds: `If-None-Match` with the current ETag,
 * answered `304 Not Modified` with no body from the catalogue cache (ADR 0003). The baseline
 * answers the same bodiless 304.
 */
export default defineScenario({
  name: 'lesson-revalidate',
  description: 'GET /lessons/1 with a matching If-None-Match (304 from the catalogue cache)',
  request: { method: 'GET', path: '/lessons/1' },
  expectedStatus: 304,
  // Issue #4: revalidation ≥ 0.75× the bare-Fastify baseline answering the same 304, p99 < 25 ms.
  target: { minThroughputRatio: 0.75, maxP99Ms: 25 },
  async setup({ baseUrl, log }) {
    const response = await fetch(`${baseUrl}/lessons/1`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    const etag = response.headers.get('etag');
    if (response.status !== 200 || !etag) {
      throw new Error(`GET /lessons/1 answered ${response.status} with ETag ${etag ?? '(none)'}`);
    }
    log(`revalidating with ETag ${etag}`);
    return { request: { headers: { 'if-none-match': etag } } };
  },
});
