export interface LoadRequest {
  method: string;
  path: string;
  payload?: unknown;
  headers?: Record<string, string>;
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
 * previous one is answered, over keep-alive connections (fetch), until `stop()`. A failure is what
 * a mobile client would see as one: a connection error or a 5xx.
 */
export function startLoad(base: string, mix: readonly LoadRequest[], concurrency: number) {
  const started = Date.now();
  const report: LoadReport = { total: 0, answers: {}, failures: [], completedAfterMark: 0 };
  let running = true;
  let markedAt = Number.POSITIVE_INFINITY;
  let next = 0;

  async function client(): Promise<void> {
    while (running) {
      const request = mix[next++ % mix.length]!;
      const label = `${request.method} ${request.path.replace(/\d+/g, ':id')}`;
      try {
        const response = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers: {
            ...(request.payload === undefined ? {} : { 'content-type': 'application/json' }),
            ...request.headers,
          },
          body: request.payload === undefined ? undefined : JSON.stringify(request.payload),
        });
        await response.arrayBuffer();
        const key = `${label} ${response.status}`;
        report.answers[key] = (report.answers[key] ?? 0) + 1;
        if (response.status >= 500) report.failures.push(`${key} at ${Date.now() - started} ms`);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
        report.failures.push(`${label} ${cause} at ${Date.now() - started} ms`);
      }
      report.total += 1;
      if (Date.now() >= markedAt) report.completedAfterMark += 1;
    }
  }

  const clients = Array.from({ length: concurrency }, () => client());
  return {
    /** From now on, count completed requests apart (e.g. once an instance has exited). */
    mark(): void {
      markedAt = Date.now();
    },
    async stop(): Promise<LoadReport> {
      running = false;
      await Promise.all(clients);
      return report;
    },
  };
}
