import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './private-services.js';

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * The worker app as its own OS process, run from the TypeScript sources (as `npm run dev:worker`
 * does), for tests that must kill one: SIGKILL cannot be sent to an app inside the test process.
 */
export class WorkerProcess {
  /** The last lines it printed, for a failure message. */
  readonly output: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.output.push(line);
        if (this.output.length > 50) this.output.shift();
      });
    }
  }

  /** Starts it with exactly these settings (plus PATH and HOME) and waits until it is ready. */
  static async start(name: string, variables: Record<string, string>): Promise<WorkerProcess> {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...variables,
      HOST: '127.0.0.1',
      WORKER_PORT: String(port),
    };
    const args = ['--import', '@swc-node/register/esm-register', 'apps/worker/src/main.ts'];
    const child = spawn(process.execPath, args, { env, cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    const worker = new WorkerProcess(name, port, child);
    await worker.waitUntilReady();
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, running jobs keep their locks until those expire. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful), then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const late = sleep(graceMs).then(() => 'late' as const);
    if ((await Promise.race([this.exited, late])) === 'late') await this.kill();
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited while starting:\n${this.output.join('\n')}`);
      const status = await fetch(`http://127.0.0.1:${this.port}/health/ready`, { signal: AbortSignal.timeout(2_000) })
        .then((response) => response.status)
        .catch(() => 0);
      if (status === 200) return;
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`${this.name} not ready after ${STARTUP_TIMEOUT_MS} ms:\n${this.output.join('\n')}`);
      }
      await sleep(200);
    }
  }
}
