import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createRedisConnection } from '../redis/redis-connection.factory.js';
import { RedisRateLimitStore, type RateLimitOutcome } from './redis-rate-limit.store.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `${process.env.TECHTREK_TEST_REDIS_PREFIX ?? 'techtrek-test-local:'}throttle-${randomBytes(3).toString('hex')}:`;
const SECOND = 1_000;
const digestOf = (tracker: string) => createHash('sha256').update(tracker).digest('base64url');

function connect(url = REDIS_URL): Redis {
  return createRedisConnection({ url, keyPrefix: PREFIX, connectionName: 'techtrek-rate-limit-test' });
}

async function ready(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
}

/** The old one-key-at-a-time view (ttl, block in ms), over `hitAll`: the outcome of that one hit. */
interface Counter {
  store: RedisRateLimitStore;
  increment(tracker: string, ttlMs: number, limit: number, blockMs: number, limiter: string): Promise<RateLimitOutcome>;
}

function counter(store: RedisRateLimitStore, maxLease: number): Counter {
  return {
    store,
    async increment(tracker, ttlMs, limit, blockMs, limiter) {
      const outcomes = await store.hitAll([{ limiter, tracker, limit, ttlMs, blockMs, maxLease }]);
      return outcomes[0];
    },
  };
}

describe('RedisRateLimitStore (real Redis)', () => {
  const clients: Redis[] = [];
  const storages: RedisRateLimitStore[] = [];
  let raw: Redis;
  let storage: Counter;

  const newStorage = (redis: Redis, maxLease = 1): Counter => {
    const created = new RedisRateLimitStore(redis);
    storages.push(created);
    return counter(created, maxLease);
  };
  const uniqueKey = () => `key-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    raw = new Redis(REDIS_URL);
    const client = connect();
    clients.push(client);
    await ready(client);
    storage = newStorage(client);
  });

  afterEach(() => {
    for (const created of storages) created.onApplicationShutdown();
  });

  afterAll(async () => {
    const keys = await raw.keys(`${PREFIX}*`);
    if (keys.length > 0) await raw.del(...keys);
    for (const client of clients) client.disconnect();
    raw.disconnect();
  });

  it('counts hits in a window and reports the time left in seconds', async () => {
    const key = uniqueKey();
    const first = await storage.increment(key, 60 * SECOND, 5, 60 * SECOND, 'default');
    const second = await storage.increment(key, 60 * SECOND, 5, 60 * SECOND, 'default');

    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect(second).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(second.timeToExpire).toBeGreaterThanOrEqual(59);
  });

  it('keeps counters under the prefix, with a hashed key of bounded length', async () => {
    const key = `email:${'x'.repeat(5_000)}@example.com`;
    await storage.increment(key, 60 * SECOND, 5, 60 * SECOND, 'auth-email');

    const stored = await raw.keys(`${PREFIX}rate-limit:auth-email:*`);
    expect(stored).toHaveLength(1);
    expect(stored[0].length).toBeLessThan(PREFIX.length + 80);
    expect(stored[0]).not.toContain('example.com');
    expect(await raw.pttl(stored[0])).toBeGreaterThan(59 * SECOND);
  });

  it('counts each throttler separately for the same key', async () => {
    const key = uniqueKey();
    await storage.increment(key, 60 * SECOND, 5, 60 * SECOND, 'auth-ip');
    const other = await storage.increment(key, 60 * SECOND, 5, 60 * SECOND, 'auth-email');

    expect(other.totalHits).toBe(1);
  });

  it('starts a new window when the ttl has passed', async () => {
    const key = uniqueKey();
    await storage.increment(key, 300, 5, 300, 'default');
    await storage.increment(key, 300, 5, 300, 'default');
    await sleep(400);

    expect(await storage.increment(key, 300, 5, 300, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('blocks the hit over the limit for the block duration, without counting blocked hits, then starts again', async () => {
    const key = uniqueKey();
    const hit = () => storage.increment(key, 60 * SECOND, 2, 700, 'auth-ip');
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);

    const over = await hit();
    const stillBlocked = await hit();

    expect(over).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 1 });
    expect(stillBlocked).toMatchObject({ totalHits: 3, isBlocked: true });
    await sleep(800);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('reports a block of whole seconds, rounded up', async () => {
    const key = uniqueKey();
    await storage.increment(key, 60 * SECOND, 1, 30 * SECOND, 'auth-email');

    const blocked = await storage.increment(key, 60 * SECOND, 1, 30 * SECOND, 'auth-email');

    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
  });

  it('without a block duration, refuses hits over the limit until the window ends, without counting them', async () => {
    const key = uniqueKey();
    const hit = () => storage.increment(key, 500, 1, 0, 'default');
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: true, timeToBlockExpire: 1 });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: true });
    await sleep(600);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('shares counts between two instances (two API processes)', async () => {
    const otherClient = connect();
    clients.push(otherClient);
    await ready(otherClient);
    const other = newStorage(otherClient);
    const key = uniqueKey();

    await storage.increment(key, 60 * SECOND, 2, 60 * SECOND, 'auth-ip');
    await other.increment(key, 60 * SECOND, 2, 60 * SECOND, 'auth-ip');

    expect(await storage.increment(key, 60 * SECOND, 2, 60 * SECOND, 'auth-ip')).toMatchObject({
      totalHits: 3,
      isBlocked: true,
    });
    expect((await other.increment(key, 60 * SECOND, 2, 60 * SECOND, 'auth-ip')).isBlocked).toBe(true);
  });

  it('counts in the process instead of throwing when Redis is unreachable', async () => {
    const dead = connect('redis://127.0.0.1:1');
    clients.push(dead);
    dead.on('error', () => undefined);
    const degraded = newStorage(dead);
    const key = uniqueKey();

    const hits = [];
    for (let i = 0; i < 3; i += 1) hits.push(await degraded.increment(key, 60 * SECOND, 2, 60 * SECOND, 'auth-ip'));

    expect(hits.map((hit) => hit.isBlocked)).toEqual([false, false, true]);
    expect(hits[2].timeToBlockExpire).toBeGreaterThanOrEqual(59);
  });

  it('falls back when the connection drops after start, and uses Redis again once it is back', async () => {
    const client = connect();
    clients.push(client);
    client.on('error', () => undefined);
    await ready(client);
    const flaky = newStorage(client);
    const key = uniqueKey();
    await flaky.increment(key, 60 * SECOND, 5, 60 * SECOND, 'default');

    client.disconnect(true);
    const whileDown = await flaky.increment(key, 60 * SECOND, 5, 60 * SECOND, 'default');
    await ready(client);
    await sleep(1_100);
    const afterwards = await flaky.increment(key, 60 * SECOND, 5, 60 * SECOND, 'default');

    expect(whileDown).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(afterwards).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  describe('with leases (limits of 40 and more)', () => {
    const hitsOf = (store: RedisRateLimitStore, tracker: string, limit: number, maxLease: number) => ({
      limiter: 'default',
      tracker,
      limit,
      ttlMs: 60 * SECOND,
      blockMs: 60 * SECOND,
      maxLease,
    });

    it('decides most hits without a round trip, and reports every hit counted', async () => {
      const store = new RedisRateLimitStore(clients[0]);
      storages.push(store);
      const key = uniqueKey();
      let roundTrips = 0;
      const totals: number[] = [];
      for (let i = 0; i < 1_000; i += 1) {
        const pending = store.hitAll([hitsOf(store, key, 100_000, 500)]);
        if (!Array.isArray(pending)) roundTrips += 1;
        const [outcome] = await pending;
        totals.push(outcome.totalHits);
      }

      // Leases of 1, 2, 4, … 500: about ten round trips for a thousand hits.
      expect(roundTrips).toBeLessThanOrEqual(12);
      expect(totals).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    });

    it('never admits more than the limit across instances, and strands at most a lease per other instance', async () => {
      const otherClient = connect();
      clients.push(otherClient);
      await ready(otherClient);
      const stores = [new RedisRateLimitStore(clients[0]), new RedisRateLimitStore(otherClient)];
      storages.push(...stores);
      const key = uniqueKey();
      const limit = 200;
      const maxLease = 10;

      let admitted = 0;
      for (let i = 0; i < 300; i += 1) {
        const store = stores[i % 3 === 0 ? 1 : 0];
        const [outcome] = await store.hitAll([hitsOf(store, key, limit, maxLease)]);
        if (!outcome.isBlocked) admitted += 1;
      }

      expect(admitted).toBeLessThanOrEqual(limit);
      expect(admitted).toBeGreaterThanOrEqual(limit - (maxLease - 1));
    });

    it('shares one lease between concurrent requests of one client', async () => {
      const store = new RedisRateLimitStore(clients[0]);
      storages.push(store);
      const key = uniqueKey();

      const outcomes = await Promise.all(
        Array.from({ length: 50 }, async () => (await store.hitAll([hitsOf(store, key, 100_000, 1_000)]))[0]),
      );

      expect(outcomes.every((outcome) => !outcome.isBlocked)).toBe(true);
      // One lease asked at a time (1, 2, 4, … 32 covers 50): not 50 leases of growing size.
      const counted = Number(await raw.get(`${PREFIX}rate-limit:default:${digestOf(key)}`));
      expect(counted).toBeGreaterThanOrEqual(50);
      expect(counted).toBeLessThanOrEqual(63);
    });
  });

  it('counts several limiters in one call, in order, and stops at the first that refuses', async () => {
    const store = new RedisRateLimitStore(clients[0]);
    storages.push(store);
    const ip = uniqueKey();
    const hit = (email: string) =>
      store.hitAll([
        { limiter: 'auth-ip', tracker: ip, limit: 1, ttlMs: 60 * SECOND, blockMs: 60 * SECOND, maxLease: 1 },
        { limiter: 'auth-email', tracker: email, limit: 5, ttlMs: 60 * SECOND, blockMs: 60 * SECOND, maxLease: 1 },
      ]);

    expect((await hit('a')).map((outcome) => outcome.isBlocked)).toEqual([false, false]);
    expect((await hit('b')).map((outcome) => outcome.isBlocked)).toEqual([true]);
    expect(await raw.get(`${PREFIX}rate-limit:auth-email:${digestOf('b')}`)).toBeNull();
  });
});
