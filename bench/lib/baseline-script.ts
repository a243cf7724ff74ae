import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './api.js';
import { OutputTail, track } from './processes.js';

/** Forks a plain-JavaScript script: execArgv [] so it does not inherit the runner's TypeScript loader. */
export function forkPlain(script: string, env?: Record<string, string>): { child: ChildProcess; tail: OutputTail } {
  const child = track(
    fork(path.join(REPO_ROOT, script), [], { execArgv: [], env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
  );
  const tail = new OutputTail();
  tail.attach(child);
  return { child, tail };
}

/** The next IPC message of `type` from `child`; rejects if it reports an error, exits or takes too long. */
export function nextMessage<T>(child: ChildProcess, type: string, tail: OutputTail, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown): void => {
      const { type: received, error } = message as { type?: string; error?: string };
      if (received === type) {
        cleanup();
        resolve(message as T);
      } else if (received === 'error') {
        cleanup();
        reject(new Error(`the baseline script failed: ${error}\n${tail}`));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      reject(new Error(`the baseline script exited (${signal ?? code}) before sending "${type}":\n${tail}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the baseline script sent no "${type}" within ${timeoutMs / 1000} s:\n${tail}`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
