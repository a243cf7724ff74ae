import autocannon, { type Instance } from 'autocannon';
import type { RunningServer } from './api.js';
import { startCpuAccount, type CpuPerRequest } from './cpu-accounting.js';
import { startRssSampler, waitUntilIdle } from './processes.js';
import { isExpectedStatus } from './stats.js';
import { encodeRequest, type ScenarioRequest } from './scenario.js';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
}

/** One measured round against one server. */
export interface RoundMeasurement {
  target: 'scenario' | 'baseline';
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Peak VmRSS seen while the round ran (sampled every 250 ms and once at the end). */
  rssMiB: number | null;
  /** Where the round's CPU went, per request; null off Linux. */
  cpu: CpuPerRequest | null;
  requests: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** Responses whose status was not the expected one. */
  unexpectedStatuses: number;
}

let current: Instance | undefined;
/** Ctrl-C stops the round in flight instead of waiting for it to finish. */
export const stopCurrentLoad = (): void => current?.stop();

export async function runLoad(
  server: RunningServer,
  target: RoundMeasurement['target'],
  request: ScenarioRequest,
  settings: LoadSettings,
  expectedStatus?: number,
): Promise<RoundMeasurement> {
  const { method, headers, body } = encodeRequest(request);
  const rss = startRssSampler(server.process.pid);
  const cpu = startCpuAccount(server.process.pid);
  try {
    current = autocannon({
      url: server.baseUrl + request.path,
      method,
      headers,
      body,
      connections: settings.connections,
      // Pipelining hides per-request latency and no real client pipelines HTTP/1.1.
      pipelining: 1,
      duration: settings.durationSeconds,
    });
    const result = await current;
    const peakRss = rss.stop();
    // The requests in flight at the deadline are not counted, but the server does their work: the
    // account stays open until it is idle and divides by every request sent, so their CPU is
    // neither charged to the counted ones nor lost (a login's tail is 50 hashes).
    await waitUntilIdle(server.process.pid);
    const cpuPerRequest = cpu.stop(Math.max(result.requests.sent, result.requests.total));
    const statusCounts = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    );
    const unexpectedStatuses = Object.entries(statusCounts)
      .filter(([status]) => !isExpectedStatus(Number(status), expectedStatus))
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      target,
      reqPerSec: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      rssMiB: peakRss ?? null,
      cpu: cpuPerRequest,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCounts,
      unexpectedStatuses,
    };
  } finally {
    rss.stop();
    current = undefined;
  }
}
