import { fork } from 'node:child_process';
import path from 'node:path';
import type { RunningServer } from './api.js';
import { OutputTail, track } from './processes.js';

/** One recorded answer of the API: what the baseline replays byte for byte. */
export interface RecordedResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
}

const BASELINE_SCRIPT = path.join(import.meta.dirname, '..', 'servers', 'baseline.mjs');

/** Starts a fresh baseline process for one scenario's route (fresh, so its RSS is that of one route). */
export async function startBaseline(
  method: string,
  routePath: string,
  response: RecordedResponse,
): Promise<RunningServer> {
  const child = track(
    // execArgv: [] — fork would otherwise inherit the runner's TypeScript loader (see baseline.mjs).
    fork(BASELINE_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
  );
  const tail = new OutputTail();
  tail.attach(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the baseline server exited (${code}):\n${tail}`)));
    child.send({
      method,
      path: routePath,
      status: response.status,
      contentType: response.contentType,
      bodyBase64: response.body.toString('base64'),
    });
  });
  return { name: 'baseline', baseUrl: `http://127.0.0.1:${port}`, process: child, tail };
}
