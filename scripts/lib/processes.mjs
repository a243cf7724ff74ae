// Child-process helpers for scripts/up.mjs. Node built-ins only: up.mjs loads this before `npm ci`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runs a command to completion with its output shown as it comes; rejects when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/**
 * Starts a long-running child in its own process group (detached): a Ctrl-C in the terminal then
 * reaches only up.mjs, which stops the apps first and the databases they drain into last, and each
 * child gets exactly one SIGTERM. Every output line is prefixed with `[name]`.
 */
export function startService(name, command, args, { ipc = false, ...options } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])];
  const child = spawn(command, args, { detached: true, stdio, ...options });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  child.serviceName = name;
  // 'error' (e.g. ENOENT) may come without 'exit': either one settles the child's fate.
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: -1, signal: null, error }));
  });
  return child;
}

/** SIGTERM, then SIGKILL if the child has not exited after graceMs. Resolves with how it ended. */
export async function stopService(child, graceMs) {
  if (child.exitCode === null && child.signalCode === null && child.pid) child.kill('SIGTERM');
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, graceMs, 'late')));
  const outcome = await Promise.race([child.exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  process.stderr.write(`[up] ${child.serviceName} did not stop within ${graceMs} ms: killing it\n`);
  child.kill('SIGKILL');
  return { ...(await child.exited), killed: true };
}

/** Polls check() until it returns true; fails after timeoutMs or as soon as giveUp() says so. */
export async function waitFor(what, check, { timeoutMs = 60_000, giveUp = () => false } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (giveUp()) throw new Error(`gave up waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
