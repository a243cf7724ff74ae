import type { Queue } from 'bullmq';
import { RedisUnavailableError } from '../redis/redis-unavailable.js';

/** How long an enqueue may wait for the queue's connection before the request is refused. */
const CONNECTION_WAIT_MS = 250;

/**
 * Refuses at once (503 `SERVICE.REDIS_UNAVAILABLE`, `Retry-After`) when the queue's connection is
 * down. BullMQ connections queue commands while disconnected (they must, for workers), so an add
 * during an outage would otherwise hang the request until Redis is back. For the direct adds a
 * request waits on; side effects that must survive an outage go through the outbox instead.
 */
export async function ensureQueueReachable(queue: Queue): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CONNECTION_WAIT_MS)));
  const connecting = queue.getBackend().client.catch(() => undefined);
  const client = await Promise.race([connecting, late]).finally(() => clearTimeout(timer));
  if (client?.status !== 'ready') {
    throw new RedisUnavailableError('The job queue is unavailable for a moment; nothing was queued, please try again');
  }
}
