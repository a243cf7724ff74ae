import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScriptableFakeServer } from './scriptable-fake-server.js';

/** One event as Mixpanel's ingestion decoded it. */
export interface ReceivedMixpanelEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** One HTTP request as it arrived, and its decoded payload. */
export interface ReceivedMixpanelRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, as sent. */
  body: string;
  /** The body's `data` (or the query's, for GET) decoded from base64: the JSON Mixpanel reads. */
  decoded: string;
  /** The events it carried (empty when unreadable). */
  events: ReceivedMixpanelEvent[];
  /** HTTP status it was answered with (200 for a held request, answered later). */
  status: number;
}

/** One GDPR deletion request Mixpanel's API accepted or refused. */
export interface ReceivedDeletionRequest {
  /** The `token` query parameter: the project token. */
  projectToken: string | undefined;
  authorization: string | undefined;
  distinctIds: unknown;
  complianceType: unknown;
  status: number;
  /** The task id it was answered with, when accepted. */
  taskId?: string;
}

/**
 * A local Mixpanel ingestion endpoint speaking the wire format of the `mixpanel` npm package
 * (0.24): `POST /track` (and `/import`) with a form-encoded body `data=<base64 JSON>` holding an
 * array of `{event, properties}` (one object for `GET /track?data=`), query `ip` and `verbose`.
 * It answers like Mixpanel: `1` / `0`, or with `verbose=1` `{"error":null,"status":1}` /
 * `{"error":"...","status":0}`. It records every request, can answer the next ones with an
 * error status, and can hold requests unanswered (a slow Mixpanel) until released.
 *
 * It also speaks the GDPR API v3's deletion call (`POST /api/app/data-deletions/v3.0/?token=`,
 * `Authorization: Bearer <GDPR token>`, JSON `{distinct_ids, compliance_type}`), answering
 * `{"status":"ok","results":{"task_id":…}}`, or `{"status":"error","error":…}` with 401 for a wrong
 * bearer token and 400 for a body Mixpanel would refuse.
 */
export class FakeMixpanelServer extends ScriptableFakeServer {
  readonly requests: ReceivedMixpanelRequest[] = [];
  /** Events Mixpanel ingested: from requests it accepted (a held one counts: it arrived whole). */
  readonly events: ReceivedMixpanelEvent[] = [];
  readonly deletionRequests: ReceivedDeletionRequest[] = [];

  /** `gdprToken`: the bearer token the GDPR API accepts. */
  constructor(private readonly gdprToken = 'test-gdpr-token') {
    super();
  }

  static async start(gdprToken?: string): Promise<FakeMixpanelServer> {
    const fake = new FakeMixpanelServer(gdprToken);
    await fake.start();
    return fake;
  }

  /** Ingested events of one learner, in arrival order. */
  eventsOf(distinctId: string): ReceivedMixpanelEvent[] {
    return this.events.filter((event) => event.properties.distinct_id === distinctId);
  }

  /** Every request that carried an event of this learner, accepted or not. */
  requestsFor(distinctId: string): ReceivedMixpanelRequest[] {
    return this.requests.filter((request) =>
      request.events.some((event) => event.properties.distinct_id === distinctId),
    );
  }

  /**
   * What Mixpanel's reports count: events identical in name, distinct_id, time and $insert_id are
   * one event (its deduplication).
   */
  deduplicated(events: readonly ReceivedMixpanelEvent[]): ReceivedMixpanelEvent[] {
    const seen = new Map<string, ReceivedMixpanelEvent>();
    for (const event of events) {
      const { distinct_id, time, $insert_id } = event.properties;
      seen.set(JSON.stringify([event.event, distinct_id, time, $insert_id]), event);
    }
    return [...seen.values()];
  }

  /** Everything each request carried, readable: path, query, headers and the decoded payload. */
  everythingReceived(): string {
    return this.requests
      .map((request) => [request.method, request.path, JSON.stringify(request.headers), request.body, request.decoded])
      .flat()
      .join('\n');
  }

  reset(): void {
    this.requests.length = 0;
    this.events.length = 0;
    this.deletionRequests.length = 0;
    this.forgetScriptedFailures();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = Buffer.concat(await request.toArray()).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://mixpanel.local');
    const query = Object.fromEntries(url.searchParams);
    const verbose = query.verbose === '1';
    if (url.pathname === DELETIONS_PATH && request.method === 'POST')
      return this.deletion(request, body, query, response);
    if (!['/track', '/import'].includes(url.pathname)) return answer(response, 404, verbose, 'unknown endpoint');
    const data = request.method === 'POST' ? new URLSearchParams(body).get('data') : url.searchParams.get('data');
    const decoded = data === null ? '' : decodeData(data);
    const events = parseEvents(decoded);
    const failure = this.nextFailure();
    this.requests.push({
      method: request.method ?? '',
      path: url.pathname,
      query,
      headers: request.headers,
      body,
      decoded,
      events: typeof events === 'string' ? [] : events,
      status: failure ?? 200,
    });
    if (failure !== undefined) return answer(response, failure, verbose, `fake Mixpanel answered ${failure}`);
    if (typeof events === 'string') return answer(response, 200, verbose, events);
    this.events.push(...events);
    this.answerWhenReleased(() => answer(response, 200, verbose));
  }

  private deletion(
    request: IncomingMessage,
    body: string,
    query: Record<string, string>,
    response: ServerResponse,
  ): void {
    let parsed: { distinct_ids?: unknown; compliance_type?: unknown } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // an unreadable body is refused below, as it carries no distinct_ids
    }
    const received: ReceivedDeletionRequest = {
      projectToken: query.token,
      authorization: request.headers.authorization,
      distinctIds: parsed.distinct_ids,
      complianceType: parsed.compliance_type,
      status: 200,
    };
    this.deletionRequests.push(received);
    const refuse = (status: number, error: string) => {
      received.status = status;
      respondJson(response, status, { status: 'error', error });
    };
    const failure = this.nextFailure();
    if (failure !== undefined) return refuse(failure, `fake Mixpanel answered ${failure}`);
    if (request.headers.authorization !== `Bearer ${this.gdprToken}`) return refuse(401, 'Invalid OAuth token');
    if (!query.token) return refuse(400, 'token is required');
    const ids = parsed.distinct_ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 2000 || !ids.every((id) => typeof id === 'string')) {
      return refuse(400, 'distinct_ids must be a list of 1 to 2000 strings');
    }
    if (!['GDPR', 'CCPA', undefined].includes(parsed.compliance_type as string | undefined)) {
      return refuse(400, 'compliance_type must be GDPR or CCPA');
    }
    received.taskId = randomUUID();
    this.answerWhenReleased(() => respondJson(response, 200, { status: 'ok', results: { task_id: received.taskId } }));
  }
}

const DELETIONS_PATH = '/api/app/data-deletions/v3.0/';

function respondJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The package writes `data=` + base64 without URL-encoding it, and Mixpanel accepts that: a form
 * decoder turns its `+` into spaces, which are put back before decoding the base64.
 */
function decodeData(data: string): string {
  return Buffer.from(data.replaceAll(' ', '+'), 'base64').toString('utf8');
}

/** The events of a payload, or why Mixpanel would refuse it. */
function parseEvents(decoded: string): ReceivedMixpanelEvent[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    return 'data, missing or empty';
  }
  const events = (Array.isArray(parsed) ? parsed : [parsed]) as Partial<ReceivedMixpanelEvent>[];
  for (const event of events) {
    if (typeof event?.event !== 'string' || typeof event.properties !== 'object' || event.properties === null) {
      return 'event must have an event name and properties';
    }
    if (typeof event.properties.token !== 'string') return 'project token is missing';
  }
  return events as ReceivedMixpanelEvent[];
}

function answer(response: ServerResponse, status: number, verbose: boolean, error?: string): void {
  const accepted = status === 200 && error === undefined;
  const body = verbose
    ? JSON.stringify({ error: accepted ? null : error, status: accepted ? 1 : 0 })
    : accepted
      ? '1'
      : '0';
  response.writeHead(status, { 'content-type': verbose ? 'application/json' : 'text/plain' });
  response.end(body);
}
