import type { ChildProcess } from 'node:child_process';
import type { LightMyRequestResponse } from 'fastify';

/** One app process of the topology (scripts/lib/topology.mjs). */
export interface TopologyInstance {
  name: string;
  url: string;
  port: number;
  child: ChildProcess & { exited: Promise<ProcessEnd> };
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Topology {
  /** nginx: load balancer and CDN. */
  url: string;
  /** The CDN purge endpoint the APIs were given as CDN_PURGE_URL. */
  purgeUrl: string;
  /** The purge endpoint itself: `close()` makes the CDN unreachable for purges. */
  purge: { close(): Promise<void> };
  apis: TopologyInstance[];
  workers: TopologyInstance[];
  /** nginx's master process (its workers are its children). */
  nginx: ChildProcess;
  /** Stops every process; resolves with how each app ended, by name. */
  stop(): Promise<Record<string, ProcessEnd>>;
}

export interface TopologyOptions {
  databaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
  apis?: number;
  workers?: number;
}

/** scripts/lib/topology.mjs, typed (a variable specifier: the script has no declarations). */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const script = '../../scripts/lib/topology.mjs';
  const topology = (await import(script)) as { startTopology(options: TopologyOptions): Promise<Topology> };
  return topology.startTopology(options);
}

/** A response read whole, shaped like `inject()`'s, so the helpers in problem.ts apply to it. */
export type HttpResponse = LightMyRequestResponse;

/**
 * Requests over real HTTP (keep-alive, through nginx or to one instance), answered like `inject()`.
 * `payload` is sent as JSON.
 */
export async function request(
  base: string,
  method: string,
  path: string,
  { payload, headers = {} }: { payload?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const body = await response.text();
  const shaped = {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body,
    payload: body,
    json: () => JSON.parse(body) as unknown,
  };
  return shaped as unknown as HttpResponse;
}
