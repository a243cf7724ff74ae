import type { RedisOptions as QueueRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

export interface RedisConnectionSettings {
  url: string;
  keyPrefix?: string;
  connectionName: string;
}

const CONNECT_TIMEOUT_MS = 2_000;
const retryStrategy = (attempt: number): number => Math.min(attempt * 200, 2_000);

/**
 * The application client fails fast while Redis is unreachable (no offline queue, one retry),
 * so callers can fall back to PostgreSQL or answer 503 instead of hanging.
 */
export function createRedisConnection(settings: RedisConnectionSettings): Redis {
  return new Redis(settings.url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy,
    connectionName: settings.connectionName,
    keyPrefix: settings.keyPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
}

/**
 * Options (not a connection) for BullMQ, so every queue and worker owns and closes its own
 * connections. BullMQ needs `maxRetriesPerRequest: null` and rejects ioredis key prefixes.
 */
export function queueConnectionOptions(url: string, connectionName: string): QueueRedisOptions {
  return { url, connectionName, connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy, maxRetriesPerRequest: null };
}
