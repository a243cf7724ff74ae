import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readCpuTicks } from './cpu-accounting.js';

/** Every child the runner started, so Ctrl-C or a crash never leaves a server holding a port. */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM (servers drain and close their pools), then SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Processes started by others (a topology's, detached in their own process groups): how to stop them. */
export interface Cleanup {
  stop(): Promise<unknown>;
  /** Synchronous last resort, for the `exit` handler. */
  kill(): void;
}
const cleanups = new Set<Cleanup>();

/** Stops `cleanup`'s processes on Ctrl-C or exit, until the returned function is called. */
export function addCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

export async function stopAll(): Promise<void> {
  await Promise.all([
    ...[...children].map((child) => stopProcess(child)),
    ...[...cleanups].map((cleanup) => cleanup.stop()),
  ]);
}

let interrupted = false;
export const wasInterrupted = (): boolean => interrupted;

/**
 * Ctrl-C: let `onInterrupt` stop the load generator, stop the children, exit 130. On any other exit
 * path, SIGKILL whatever is left (an `exit` handler cannot wait for a graceful stop).
 */
export function installCleanup(onInterrupt: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping servers…\n`);
      onInterrupt();
      void stopAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    for (const cleanup of cleanups) cleanup.kill();
  });
}

/** A port nothing listens on right now (the OS picks it; a tiny race with other programs remains). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Keeps the last lines a child printed, to explain why it died without flooding the terminal. */
export class OutputTail {
  private readonly lines: string[] = [];
  constructor(private readonly max = 40) {}

  attach(child: ChildProcess): void {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim()) this.lines.push(line);
        if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
      });
    }
  }

  toString(): string {
    if (this.lines.length === 0) return '    (no output)';
    return this.lines.map((line) => `    ${line}`).join('\n');
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
export function runCommand(command: string, args: string[], options: SpawnOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`\`${[command, ...args].join(' ')}\` exited with ${signal ?? code}:\n${output.trim()}`)),
    );
  });
}

/** Polls `url` until it answers `status`, or fails early when the server process dies. */
export async function waitForStatus(
  url: string,
  child: ChildProcess,
  { status = 200, timeoutMs = 30_000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the process exited (${child.signalCode ?? child.exitCode}) before ${url} answered`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === status) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s (last: ${last})`);
}

/** Resident set size of a live process in MiB, from /proc (Linux only); undefined if unavailable. */
export function readRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's VmRSS every 250 ms until `stop()`, which samples once more and returns the peak. */
export function startRssSampler(pid: number | undefined): { stop(): number | undefined } {
  let peak = readRssMiB(pid);
  const sample = (): void => {
    const rss = readRssMiB(pid);
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  };
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/**
 * Waits until a process has stopped working: at most one clock tick (~10 ms) of CPU in a 100 ms
 * window. A round ends when the load stops, not when the server has finished the requests still
 * in flight (or a threadpool its queue); without this, that leftover work would run during the
 * other side's next round. Returns how long it waited, or null when the process was still busy
 * after `timeoutMs`. Linux only; elsewhere it returns at once.
 */
export async function waitUntilIdle(
  pid: number | undefined,
  { timeoutMs = 5_000, windowMs = 100 } = {},
): Promise<number | null> {
  if (pid === undefined) return 0;
  const started = Date.now();
  let before = readCpuTicks(pid);
  while (before !== undefined) {
    if (Date.now() - started >= timeoutMs) return null;
    await sleep(windowMs);
    const after = readCpuTicks(pid);
    if (after === undefined || after - before <= 1) break;
    before = after;
  }
  return Date.now() - started;
}
