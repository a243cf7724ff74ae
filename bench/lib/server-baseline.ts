import type { RunningServer } from './api.js';
import type { Baseline } from './baseline.js';
import { forkPlain, nextMessage } from './baseline-script.js';
import { runLoad } from './load.js';
import { stopProcess } from './processes.js';
import { record } from './record.js';
import type { HttpMethod, ScenarioRequest, ServerBaseline } from './scenario.js';
import { isExpectedStatus } from './stats.js';

/** The route a server baseline is told to answer: Fastify routes on the path alone, never the query. */
export function routeOf(request: ScenarioRequest): { method: HttpMethod; url: string } {
  return { method: request.method, url: request.path.split('?')[0]! };
}

/** What a server baseline script sends once it listens (protocol in bench/README.md). */
interface ServerReady {
  type: 'ready';
  port: number;
  /** Whatever the script wants in the result JSON (pool size, table…). */
  info?: Record<string, unknown>;
}

/**
 * Forks the script with the API's environment (DATABASE_URL, DATABASE_POOL_SIZE…: it does the
 * API's kind of work against the same services), tells it the route, and sends it the scenario's
 * request once: a baseline that answers anything but the expected status would measure something
 * else, so that stops the scenario before any round counts.
 */
export async function startServerBaseline(
  spec: ServerBaseline,
  request: ScenarioRequest,
  expectedStatus: number | undefined,
  env: Record<string, string>,
): Promise<Baseline> {
  const { child, tail } = forkPlain(spec.script, env);
  try {
    const ready = nextMessage<ServerReady>(child, 'ready', tail, 60_000);
    child.send({ type: 'start', route: routeOf(request), options: spec.options ?? {} });
    const { port, info = {} } = await ready;
    const server: RunningServer = { name: 'baseline', baseUrl: `http://127.0.0.1:${port}`, process: child, tail };
    const answer = await record(server.baseUrl, request);
    if (!isExpectedStatus(answer.status, expectedStatus)) {
      const excerpt = answer.body.toString('utf8').slice(0, 300);
      throw new Error(`the baseline answered ${request.method} ${request.path} with ${answer.status}: ${excerpt}`);
    }
    return {
      name: 'baseline',
      unit: 'req/s',
      process: child,
      tail,
      description: { kind: 'server', script: spec.script, perRequest: spec.perRequest, info },
      measure: (settings) => runLoad(server, 'baseline', request, settings, expectedStatus),
    };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}
