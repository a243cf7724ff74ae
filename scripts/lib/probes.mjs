// "Does it answer?" checks for scripts/up.mjs. pg and ioredis are imported lazily: this module
// is loaded before `npm ci` may have installed them, and they are needed only afterwards.
import net from 'node:net';

/** Connects to the server's maintenance database (the app database may not exist yet) and runs SELECT 1. */
export async function pgAnswers(databaseUrl) {
  const { default: pg } = await import('pg');
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => {}); // a late socket error must not crash the script
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error.message || error.code || String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** PING through ioredis, so a REDIS_URL with a password, a database number or rediss:// works too. */
export async function redisAnswers(redisUrl) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError; // ioredis rejects with a vague "Connection is closed"; the socket error says why
  redis.on('error', (error) => (socketError = error));
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG' ? { ok: true } : { ok: false, reason: 'no PONG' };
  } catch (error) {
    return { ok: false, reason: (socketError ?? error).message || String(error) };
  } finally {
    redis.disconnect();
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portTaken(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 2000 });
    const settle = (taken) => {
      socket.destroy();
      resolve(taken);
    };
    socket.once('connect', () => settle(true));
    socket.once('timeout', () => settle(true)); // something holds the port, it just does not talk
    socket.once('error', () => settle(false));
  });
}

/** A port nobody listens on, chosen by the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when GET url answers 200. */
export async function answers200(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.status === 200;
}
