import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { bypassReasonOf, type BypassReason } from './contract-bypass.js';

const PRISM = join(process.cwd(), 'node_modules/.bin/prism');
const VIOLATIONS_HEADER = 'sl-violations';

/** One finding of Prism's validator about one exchange. */
export interface ContractViolation {
  request: string;
  status: number;
  location: string;
  message: string;
}

/**
 * What breaks the contract: a response the document does not describe, or a request the document
 * forbids that the API nevertheless accepted (2xx/3xx). A request the document forbids and the API
 * refused with a 4xx is the two agreeing (tests send bad input on purpose), so it is not one.
 */
export function breachesOf(violations: readonly ContractViolation[]): ContractViolation[] {
  return violations
    .filter((violation) => {
      const [method = '', url = ''] = violation.request.split(' ');
      return method !== 'OPTIONS' && !UNDOCUMENTED.test(url);
    })
    .filter((violation) => violation.location.startsWith('response') || violation.status < 400);
}

/**
 * Routes the document leaves out on purpose: the docs themselves, the Prometheus scrape, the Bull
 * Board UI (admin tooling, not API), and the probe routes tests add. CORS preflights (OPTIONS) are
 * answered for every route by the CORS layer, which OpenAPI does not describe.
 */
const UNDOCUMENTED = /^\/(docs|metrics|admin\/queues|__probe)([/?-]|$)/;

/** The app behind the proxy, as far as the proxy needs it: exchanges Prism cannot carry go to it directly. */
export interface UpstreamApp {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/**
 * Prism (`@stoplight/prism-cli proxy`, without `--errors`) in front of a listening API: it forwards
 * every request, validates request and response against the OpenAPI document, and reports each
 * violation in the `sl-violations` header of that very response, so each finding is tied to its
 * exchange even when requests run concurrently. An `inject()` exchange Prism cannot carry unchanged
 * (contract-bypass.ts) goes straight to the app and is counted under its reason.
 */
export class ContractProxy {
  readonly violations: ContractViolation[] = [];
  /** Exchanges Prism validated. */
  readonly exchanges = { count: 0 };
  /** Exchanges sent straight to the app, by reason. */
  readonly bypassed = new Map<BypassReason, number>();
  private readonly log: string[] = [];
  private closing = false;

  private constructor(
    readonly url: string,
    /** The app Prism forwards to. */
    readonly upstreamApp: UpstreamApp,
    private readonly prism: ChildProcess,
    private readonly workspace: string,
    /** How long Prism took to start: its cost per app. */
    readonly startedInMs: number,
  ) {
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (/terminated with error/.test(line)) this.log.push(line);
    };
    prism.stdout?.on('data', keep);
    prism.stderr?.on('data', keep);
    // Every exchange after it would fail with ECONNREFUSED: say why once.
    prism.once('exit', (code, signal) => {
      if (!this.closing) this.log.push(`Prism exited (${code ?? signal}) while the tests still used it`);
    });
  }

  /** Writes `document` to a scratch file and starts Prism between a free loopback port and `upstream`. */
  static async start(upstream: string, document: object, upstreamApp: UpstreamApp): Promise<ContractProxy> {
    const began = performance.now();
    const workspace = mkdtempSync(join(tmpdir(), 'techtrek-contract-'));
    const documentPath = join(workspace, 'openapi.json');
    writeFileSync(documentPath, JSON.stringify(document));
    const port = await freePort();
    // --cors=false: Prism would otherwise answer preflights itself and add its own CORS headers.
    const prism = spawn(
      PRISM,
      ['proxy', documentPath, upstream, '-h', '127.0.0.1', '-p', String(port), '--cors=false'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    );
    await listening(prism);
    const startedInMs = Math.round(performance.now() - began);
    return new ContractProxy(`http://127.0.0.1:${port}`, upstreamApp, prism, workspace, startedInMs);
  }

  /**
   * `app.inject()` over HTTP through Prism: the same options and the same kind of response; straight
   * to the app when Prism cannot carry the exchange unchanged.
   */
  async inject(options: InjectOptions | string): Promise<LightMyRequestResponse> {
    const injected = typeof options === 'string' ? { url: options } : options;
    const bypass = bypassReasonOf(injected);
    if (bypass) {
      this.bypassed.set(bypass, (this.bypassed.get(bypass) ?? 0) + 1);
      return this.upstreamApp.inject(injected);
    }
    const { method = 'GET', url = '/', headers = {}, payload } = injected;
    const body = encodeBody(payload);
    const outgoing: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) outgoing[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
    }
    if (body.contentType && !outgoing['content-type']) outgoing['content-type'] = body.contentType;
    if (body.bytes) outgoing['content-length'] = String(body.bytes.length);
    const response = await send(
      `${this.url}${typeof url === 'string' ? url : url.toString()}`,
      method,
      outgoing,
      body.bytes,
    );
    this.exchanges.count += 1;
    this.record(`${method} ${typeof url === 'string' ? url : url.toString()}`, response.statusCode, response.headers);
    return response;
  }

  /** `fetch` for HTTP clients pointed at `url`: records each exchange's violations like `inject()`. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await globalThis.fetch(request);
    this.exchanges.count += 1;
    const { pathname, search } = new URL(request.url);
    this.record(`${request.method} ${pathname}${search}`, response.status, {
      [VIOLATIONS_HEADER]: response.headers.get(VIOLATIONS_HEADER) ?? undefined,
    });
    return response;
  };

  /** Prism's own failures (e.g. a body it could not forward), from its log. */
  errors(): string[] {
    return [...this.log];
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.prism.exitCode === null) {
      const exited = new Promise((resolve) => this.prism.once('exit', resolve));
      this.prism.kill('SIGTERM');
      await exited;
    }
    rmSync(this.workspace, { recursive: true, force: true });
  }

  private record(request: string, status: number, headers: Record<string, unknown>): void {
    const header = headers[VIOLATIONS_HEADER];
    delete headers[VIOLATIONS_HEADER];
    if (typeof header !== 'string') return;
    for (const found of JSON.parse(header) as { location: string[]; message: string }[]) {
      this.violations.push({ request, status, location: found.location.join('.'), message: found.message });
    }
  }
}

function encodeBody(payload: InjectOptions['payload']): { bytes?: Buffer; contentType?: string } {
  if (payload === undefined || payload === null) return {};
  if (Buffer.isBuffer(payload)) return { bytes: payload };
  if (typeof payload === 'string') return { bytes: Buffer.from(payload) };
  if (typeof payload === 'object' && !('pipe' in payload)) {
    return { bytes: Buffer.from(JSON.stringify(payload)), contentType: 'application/json' };
  }
  throw new Error('The contract proxy sends strings, buffers and JSON bodies only');
}

function send(
  target: string,
  method: string,
  headers: Record<string, string | string[]>,
  body: Buffer | undefined,
): Promise<LightMyRequestResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(target, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve(
          injectResponse(
            incoming.statusCode ?? 0,
            incoming.statusMessage ?? '',
            incoming.headers,
            Buffer.concat(chunks),
          ),
        ),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The members of light-my-request's response that tests read. */
function injectResponse(
  statusCode: number,
  statusMessage: string,
  headers: IncomingHttpHeaders,
  rawPayload: Buffer,
): LightMyRequestResponse {
  const text = rawPayload.toString('utf8');
  const response = {
    statusCode,
    statusMessage,
    headers,
    rawPayload,
    payload: text,
    body: text,
    trailers: {},
    cookies: [],
    json: <T>() => JSON.parse(text) as T,
    stream: () => {
      throw new Error('stream() is not available through the contract proxy');
    },
  };
  return response as unknown as LightMyRequestResponse;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function listening(prism: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start in 30 s:\n${output}`)), 30_000);
    const watch = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout?.on('data', watch);
    prism.stderr?.on('data', watch);
    prism.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output}`));
    });
  });
}
