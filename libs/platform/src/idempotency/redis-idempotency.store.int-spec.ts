import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createRedisConnection } from '../redis/redis-connection.factory.js';
import { RedisIdempotencyStore } from './redis-idempotency.store.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `${process.env.TECHTREK_TEST_REDIS_PREFIX ?? 'techtrek-test-local:'}idem-${randomBytes(3).toString('hex')}:`;

describe('RedisIdempotencyStore (real Redis)', () => {
  let raw: Redis;
  let client: Redis;
  let store: RedisIdempotencyStore;
  const uniqueKey = () => `idempotency:${randomBytes(4).toString('hex')}`;
  const reservedToken = async (key: string, fingerprint = 'fp') => {
    const reservation = await store.reserve(key, fingerprint);
    if (reservation.kind !== 'reserved') throw new Error(`expected a reservation, got ${reservation.kind}`);
    return reservation.token;
  };

  beforeAll(async () => {
    raw = new Redis(REDIS_URL);
    client = createRedisConnection({ url: REDIS_URL, keyPrefix: PREFIX, connectionName: 'techtrek-idempotency-test' });
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    store = new RedisIdempotencyStore(client);
  });

  afterAll(async () => {
    const keys = await raw.keys(`${PREFIX}*`);
    if (keys.length > 0) await raw.del(...keys);
    client.disconnect();
    raw.disconnect();
  });

  it('reserves a key once, under the app prefix, with a short time to live', async () => {
    const key = uniqueKey();
    await reservedToken(key);
    expect(await store.reserve(key, 'fp')).toEqual({
      kind: 'existing',
      record: { state: 'in-flight', fingerprint: 'fp', owner: expect.any(String) },
    });
    const ttl = await raw.pttl(`${PREFIX}${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('keeps a completed response for 24 hours', async () => {
    const key = uniqueKey();
    const token = await reservedToken(key);
    await store.complete(key, token, 'fp', { status: 201, contentType: 'application/json', body: '{"id":1}' });
    expect(await store.reserve(key, 'other')).toEqual({
      kind: 'existing',
      record: { state: 'completed', fingerprint: 'fp', status: 201, contentType: 'application/json', body: '{"id":1}' },
    });
    expect(await raw.pttl(`${PREFIX}${key}`)).toBeGreaterThan(23 * 60 * 60 * 1000);
  });

  it('frees a released key for the next attempt', async () => {
    const key = uniqueKey();
    await store.release(key, await reservedToken(key));
    expect((await store.reserve(key, 'fp')).kind).toBe('reserved');
  });

  it('never lets a request whose reservation expired overwrite or free the retry that took over', async () => {
    const key = uniqueKey();
    const stale = await reservedToken(key);
    await raw.del(`${PREFIX}${key}`);
    const current = await reservedToken(key);

    await store.complete(key, stale, 'fp', { status: 201, body: 'stale' });
    await store.release(key, stale);
    expect(await raw.get(`${PREFIX}${key}`)).toBe(current);
  });

  it('answers "unavailable" instead of failing while Redis is unreachable', async () => {
    const down = createRedisConnection({ url: 'redis://127.0.0.1:1', connectionName: 'techtrek-idempotency-down' });
    down.on('error', () => undefined);
    try {
      const degraded = new RedisIdempotencyStore(down);
      expect(await degraded.reserve(uniqueKey(), 'fp')).toEqual({ kind: 'unavailable' });
      await expect(degraded.release(uniqueKey(), 'token')).resolves.toBeUndefined();
    } finally {
      down.disconnect();
    }
  });
});
