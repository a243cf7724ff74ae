import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Reads until `done` holds or `timeoutMs` passes, and returns the last value (the caller's
 * assertion then shows what was there): for what the worker does shortly after a commit.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}
