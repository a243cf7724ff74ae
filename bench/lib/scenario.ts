import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ScenarioRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/lessons/42?locale=en`. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON (with a JSON content-type). */
  body?: unknown;
}

/** What `setup` gets: the running API, so it can create users, log in, look up ids… */
export interface ScenarioContext {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  baseUrl: string;
  /** The environment the API runs with (DATABASE_URL, REDIS_KEY_PREFIX…), for setups that seed directly. */
  env: Readonly<Record<string, string>>;
  /** The API's process, for a measurement that accounts for its CPU itself (`extra`). */
  apiPid: number | undefined;
  log(line: string): void;
}

/** What `setup` may return: overrides for the measured request (headers are merged, not replaced). */
export interface ScenarioSetupResult {
  request?: Partial<ScenarioRequest>;
}

/** Optional goals shown as pass/fail in the report; missing one never fails the run, only errors do. */
export interface ScenarioTarget {
  /** Scenario req/s ÷ baseline req/s must be at least this (e.g. 0.7). */
  minThroughputRatio?: number;
  /** Scenario p99 latency in ms must be at most this. */
  maxP99Ms?: number;
  /** Scenario p99 ÷ baseline p99 must be at most this. */
  maxP99Ratio?: number;
}

/**
 * A baseline that is not an HTTP server: a plain-JavaScript script (see `servers/argon2-verify.mjs`
 * and the protocol in bench/README.md) that runs one operation with the same concurrency as the
 * HTTP load for the same duration, in the rounds between the scenario's. The ratio is then
 * scenario req/s ÷ operations/s.
 */
export interface ProcessBaseline {
  kind: 'process';
  /** Path from the repository root, e.g. `bench/servers/argon2-verify.mjs`. Run with plain `node`. */
  script: string;
  /** What one operation is, for the log and the report, e.g. `argon2id verify`. */
  operation: string;
  /** Sent to the script once when it starts; must survive IPC (JSON-like values only). */
  options?: Record<string, unknown>;
}

/**
 * A baseline that is an HTTP server doing, per request, the one thing the scenario should cost at
 * its core (one database write, say): a plain-JavaScript script (see `servers/pg-insert.mjs` and
 * the protocol in bench/README.md) told the scenario's route, then loaded with exactly the API's
 * request (method, path, headers, body). The ratio is scenario req/s ÷ the script's req/s.
 */
export interface ServerBaseline {
  kind: 'server';
  /** Path from the repository root, e.g. `bench/servers/pg-insert.mjs`. Run with plain `node`. */
  script: string;
  /** What the script does for each request, for the report, e.g. `one INSERT (Fastify + pg)`. */
  perRequest: string;
  /** Sent to the script once when it starts; must survive IPC (JSON-like values only). */
  options?: Record<string, unknown>;
}

/**
 * `same-bytes` (the default): a bare Fastify server replaying the API's recorded answer, loaded
 * like the API. A `ProcessBaseline`: the raw rate of the one operation the scenario should cost.
 * A `ServerBaseline`: a bare server doing that operation per request, loaded like the API.
 */
export type ScenarioBaseline = 'same-bytes' | ProcessBaseline | ServerBaseline;

/** What a scenario's `extra` measured besides its rounds. */
export interface ExtraMeasurement {
  /** Markdown shown under the run's table (console and summary.md). */
  lines: string[];
  /** Everything worth keeping, written to the result JSON as `extra`. */
  figures: Record<string, unknown>;
  /** Non-empty makes the scenario an error, like a round's problems. */
  errors: string[];
}

export interface Scenario {
  name: string;
  description: string;
  request: ScenarioRequest;
  /** Status the measured request must answer; by default any 2xx or 3xx counts as expected. */
  expectedStatus?: number;
  target?: ScenarioTarget;
  /** What the scenario is divided by; `same-bytes` when omitted. */
  baseline?: ScenarioBaseline;
  setup?(context: ScenarioContext): Promise<ScenarioSetupResult | void> | ScenarioSetupResult | void;
  /**
   * Optional: runs once after the rounds (the baseline stopped, the API still up), for what a load
   * of identical requests cannot measure, e.g. `hint`'s cache misses, each request different, over
   * a provider with a fixed latency, against that provider called straight. It brings its own
   * baseline, measured in the same run.
   */
  extra?(context: ScenarioContext): Promise<ExtraMeasurement>;
}

/** Identity function: gives scenario files type checking and editor completion. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** Applies what `setup` returned on top of the scenario's own request. */
export function resolveRequest(base: ScenarioRequest, overrides?: Partial<ScenarioRequest>): ScenarioRequest {
  return {
    ...base,
    ...overrides,
    headers: { ...base.headers, ...overrides?.headers },
  };
}

/** The request as bytes and headers, shared by the probe (fetch) and the load generator (autocannon). */
export function encodeRequest(request: ScenarioRequest): {
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
} {
  const headers = { ...request.headers };
  if (request.body === undefined) return { method: request.method, headers };
  if (typeof request.body === 'string') return { method: request.method, headers, body: request.body };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (!hasContentType) headers['content-type'] = 'application/json';
  return { method: request.method, headers, body: JSON.stringify(request.body) };
}

export const SCENARIO_DIRECTORY = path.join(import.meta.dirname, '..', 'scenarios');

export async function availableScenarios(): Promise<string[]> {
  const files = await readdir(SCENARIO_DIRECTORY);
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.spec.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Loads `bench/scenarios/<name>.ts`; its default export is the scenario. */
export async function loadScenario(name: string): Promise<Scenario> {
  const file = path.join(SCENARIO_DIRECTORY, `${name}.ts`);
  const module = (await import(pathToFileURL(file).href)) as { default?: Scenario };
  const scenario = module.default;
  if (!scenario || typeof scenario.request?.path !== 'string') {
    throw new Error(`${file} must \`export default defineScenario({ name, description, request })\``);
  }
  if (scenario.name !== name) {
    throw new Error(`${file} declares name "${scenario.name}"; it must match the file name "${name}"`);
  }
  return scenario;
}
