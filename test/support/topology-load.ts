export interface LoadRequest {
  method: string;
  path: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** One request's answer, read whole, or the connection error a client would see instead. */
export interface Exchange {
  /** Undefined when no answer came (refused, reset, timed out). */
  status?: number;
  /** The connection error's code (`ECONNRESET`, `TimeoutError`…) when there was no answer. */
  error?: string;
  /** From sending the request to the answer's last byte. */
  ms: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request over keep-alive connections (fetch), `payload` as JSON, and reads the answer. */
export async function send(base: string, request: LoadRequest, timeoutMs = 30_000): Promise<Exchange> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        ...(request.payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.payload === undefined ? undefined : JSON.stringify(request.payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return {
      status: response.status,
      ms: performance.now() - started,
      headers: Object.fromEntries(response.headers),
      body,
    };
  } catch (error) {
    const failure = error as { name?: string; cause?: { code?: string } };
    const code = failure.cause?.code ?? (failure.name === 'TimeoutError' ? 'TimeoutError' : String(error));
    return { error: code, ms: performance.now() - started, headers: {}, body: '' };
  }
}

/**
 * `concurrency` clients, each calling `iteration` again as soon as its previous call has ended,
 * until `stop()`, which resolves once every client has finished its call in flight.
 */
export function closedLoop(concurrency: number, iteration: (client: number) => Promise<void>) {
  let running = true;
  const clients = Array.from({ length: concurrency }, async (_, client) => {
    while (running) await iteration(client);
  });
  return {
    async stop(): Promise<void> {
      running = false;
      await Promise.all(clients);
    },
  };
}

export interface LoadReport {
  total: number;
  /** Answers by `<method> <path template> <status>`. */
  answers: Record<string, number>;
  /** Connection errors and 5xx, with when they happened (ms since the start). */
  failures: string[];
  /** Requests that completed after `markAt` was called. */
  completedAfterMark: number;
}

/**
 * A closed-loop load: `concurrency` clients, each sending the next request of `mix` as soon as its
 * previous one is answered, until `stop()`. A failure is what a mobile client would see as one: a
 * connection error or a 5xx.
 */
export function startLoad(base: string, mix: readonly LoadRequest[], concurrency: number) {
  const started = Date.now();
  const report: LoadReport = { total: 0, answers: {}, failures: [], completedAfterMark: 0 };
  let markedAt = Number.POSITIVE_INFINITY;
  let next = 0;

  const loop = closedLoop(concurrency, async () => {
    const request = mix[next++ % mix.length]!;
    const label = `${request.method} ${request.path.replace(/\d+/g, ':id')}`;
    const answer = await send(base, request);
    if (answer.status === undefined) {
      report.failures.push(`${label} ${answer.error} at ${Date.now() - started} ms`);
    } else {
      const key = `${label} ${answer.status}`;
      report.answers[key] = (report.answers[key] ?? 0) + 1;
      if (answer.status >= 500) report.failures.push(`${key} at ${Date.now() - started} ms`);
    }
    report.total += 1;
    if (Date.now() >= markedAt) report.completedAfterMark += 1;
  });

  return {
    /** From now on, count completed requests apart (e.g. once an instance has exited). */
    mark(): void {
      markedAt = Date.now();
    },
    async stop(): Promise<LoadReport> {
      await loop.stop();
      return report;
    },
  };
}
