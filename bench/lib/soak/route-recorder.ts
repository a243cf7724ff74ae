import { latencySummary, type LatencySummary } from '../stats.js';
import type { Exchange } from '../../../test/support/topology-load.js';

export interface RouteSummary extends LatencySummary {
  /** `<METHOD> <path template>`, e.g. `GET /lessons/:id`. */
  route: string;
  errors: number;
  /** Answers by status, and connection errors by their code. */
  statuses: Record<string, number>;
}

/** What went wrong with one request: enough to replay it and to see the answer. */
export interface RequestError {
  route: string;
  /** Milliseconds since the workload started. */
  atMs: number;
  status?: number;
  error?: string;
  expected: readonly number[];
  /** The start of the answer's body (a problem document, usually). */
  body: string;
}

export interface WindowSummary {
  /** Seconds since the workload started, at the window's start. */
  fromSecond: number;
  requests: number;
  errors: number;
  p99Ms: number | null;
}

interface RouteRecord {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
}

/** Error samples kept with their bodies; beyond this only counted (a broken route errs on every request). */
const KEPT_ERRORS = 50;
/** The slowest requests kept, with when they were sent: where a tail comes from. */
const KEPT_SLOWEST = 10;

export interface SlowRequest {
  route: string;
  ms: number;
  /** Milliseconds since the workload started, when the answer came. */
  atMs: number;
  status?: number;
}

/**
 * Every request of a workload by route template: latencies (all of them: a soak's few hundred
 * thousand numbers are a few MiB), statuses and errors, plus the same per time window, to see
 * whether latency drifts over the run. An error is a connection error or a status the request did
 * not expect (its caller says which it expects; a 5xx never is).
 */
export class RouteRecorder {
  private readonly routes = new Map<string, RouteRecord>();
  private readonly windows = new Map<number, { latencies: number[]; errors: number }>();
  readonly errorSamples: RequestError[] = [];
  /** The slowest requests, slowest first. */
  readonly slowest: SlowRequest[] = [];
  total = 0;
  errors = 0;

  constructor(private readonly windowMs = 60_000) {}

  /** Records one exchange `atMs` after the start; true when its status was one of `expected`. */
  record(route: string, exchange: Exchange, expected: readonly number[], atMs: number): boolean {
    const { status, error } = exchange;
    const ok = status !== undefined && status < 500 && expected.includes(status);
    const record = this.routeRecord(route);
    const outcome = String(status ?? error);
    record.statuses[outcome] = (record.statuses[outcome] ?? 0) + 1;
    record.latencies.push(exchange.ms);
    const index = Math.floor(atMs / this.windowMs);
    const window = this.windows.get(index) ?? { latencies: [], errors: 0 };
    this.windows.set(index, window);
    window.latencies.push(exchange.ms);
    this.total += 1;
    this.keepIfSlow({ route, ms: exchange.ms, atMs, status });
    if (!ok) {
      window.errors += 1;
      this.countError(record, { route, atMs, status, error, expected, body: exchange.body.slice(0, 500) });
    }
    return ok;
  }

  /** Counts an error that is no request's status (a hint never written, a body that is not JSON). */
  fail(route: string, message: string, atMs: number): void {
    const record = this.routeRecord(route);
    record.statuses.failed = (record.statuses.failed ?? 0) + 1;
    this.countError(record, { route, atMs, error: message, expected: [], body: '' });
  }

  private keepIfSlow(request: SlowRequest): void {
    if (this.slowest.length === KEPT_SLOWEST && request.ms <= this.slowest[KEPT_SLOWEST - 1]!.ms) return;
    this.slowest.splice(KEPT_SLOWEST - 1, 1, request);
    this.slowest.sort((a, b) => b.ms - a.ms);
  }

  private routeRecord(route: string): RouteRecord {
    const record = this.routes.get(route) ?? { latencies: [], statuses: {}, errors: 0 };
    this.routes.set(route, record);
    return record;
  }

  private countError(record: RouteRecord, sample: RequestError): void {
    record.errors += 1;
    this.errors += 1;
    if (this.errorSamples.length < KEPT_ERRORS) this.errorSamples.push(sample);
  }

  /** One line per route, in route order. */
  routeSummaries(): RouteSummary[] {
    return [...this.routes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, { latencies, statuses, errors }]) => ({
        route,
        ...latencySummary(latencies),
        errors,
        statuses,
      }));
  }

  /** Every request of every route in one distribution. */
  overall(): LatencySummary {
    return latencySummary([...this.routes.values()].flatMap((record) => record.latencies));
  }

  /** One line per time window that saw requests, in time order. */
  windowSummaries(): WindowSummary[] {
    return [...this.windows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, { latencies, errors }]) => ({
        fromSecond: (index * this.windowMs) / 1000,
        requests: latencies.length,
        errors,
        p99Ms: latencySummary(latencies).p99Ms,
      }));
  }
}
