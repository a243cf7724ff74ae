import { describe, expect, it, jest } from '@jest/globals';
import { TwoLevelCache, type SharedCacheStore, type TwoLevelCacheOptions } from './two-level-cache.js';

class FakeStore implements SharedCacheStore {
  version = 0;
  readonly entries = new Map<string, string>();
  down = false;
  versionReads = 0;

  private check(): void {
    if (this.down) throw new Error('Redis is down');
  }
  async readVersion(): Promise<number> {
    this.check();
    this.versionReads += 1;
    return this.version;
  }
  async bumpVersion(): Promise<number> {
    this.check();
    return ++this.version;
  }
  async get(key: string): Promise<string | null> {
    this.check();
    return this.entries.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.check();
    this.entries.set(key, value);
  }
}

const options: TwoLevelCacheOptions = {
  maxLocalEntries: 3,
  localTtlMs: 5_000,
  sharedTtlSeconds: 600,
  versionCheckIntervalMs: 1_000,
  keyPrefix: 'catalogue:',
};

function setup(overrides: Partial<TwoLevelCacheOptions> = {}) {
  const store = new FakeStore();
  const clock = { now: 1_000_000 };
  const errors: string[] = [];
  const cache = new TwoLevelCache(
    store,
    { ...options, ...overrides },
    (operation) => errors.push(operation),
    () => clock.now,
  );
  let loads = 0;
  const load = (value = 'body') =>
    jest.fn(async () => {
      loads += 1;
      return `${value}#${loads}`;
    });
  return { store, clock, cache, errors, load, loads: () => loads };
}

describe('TwoLevelCache', () => {
  it('runs one load for 20 concurrent misses of one key (single-flight)', async () => {
    const { cache, load } = setup();
    const loader = load();
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get('lesson:1', loader)));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(new Set(values)).toEqual(new Set(['body#1']));
  });

  it('serves a hit from memory, then from the shared store on another instance', async () => {
    const { cache, store, load, clock } = setup();
    const loader = load();
    await cache.get('lesson:1', loader);
    expect(await cache.get('lesson:1', loader)).toBe('body#1');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(store.entries.get('catalogue:v0:lesson:1')).toBe('body#1');
    const other = new TwoLevelCache(store, options, undefined, () => clock.now);
    const otherLoader = load();
    expect(await other.get('lesson:1', otherLoader)).toBe('body#1');
    expect(otherLoader).not.toHaveBeenCalled();
  });

  it('misses after a version bump: at once here, within the check interval elsewhere', async () => {
    const { cache, store, clock, load } = setup();
    const other = new TwoLevelCache(store, options, undefined, () => clock.now);
    const loader = load();
    await cache.get('lesson:1', loader);
    await other.get('lesson:1', loader);
    expect(loader).toHaveBeenCalledTimes(1);

    await cache.invalidateAll();
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    // The other instance trusts its version for up to 1 s…
    expect(await other.get('lesson:1', loader)).toBe('body#1');
    clock.now += 1_000;
    // …then reads the new one and finds the entry the first instance stored under it.
    expect(await other.get('lesson:1', loader)).toBe('body#2');
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('adopts a version it committed itself: misses at once, without bumping or reading the store', async () => {
    const { cache, store, load } = setup();
    const loader = load();
    await cache.get('lesson:1', loader);
    const reads = store.versionReads;
    store.version = 7; // bumped in the change's transaction
    cache.adoptVersion(7);
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    expect(store.entries.get('catalogue:v7:lesson:1')).toBe('body#2');
    expect(store.versionReads).toBe(reads);
    expect(store.version).toBe(7);
    cache.adoptVersion(3); // an older commit's after-commit step, arriving late, never goes back
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
  });

  it('serves under an announced newer version at once, and ignores an older or repeated one', async () => {
    const { cache, store, load } = setup();
    const other = new TwoLevelCache(store, options);
    const loader = load();
    await other.get('lesson:1', loader);
    await cache.get('lesson:1', loader);
    await other.invalidateAll();
    cache.noticeVersion(other.knownVersion);
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    cache.noticeVersion(other.knownVersion - 1);
    cache.noticeVersion(other.knownVersion);
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    expect(cache.knownVersion).toBe(store.version);
  });

  it('reads the version again on the next request after recheckVersion()', async () => {
    const { cache, store, load } = setup();
    const loader = load();
    await cache.get('lesson:1', loader);
    store.version = 5;
    expect(await cache.get('lesson:1', loader)).toBe('body#1');
    cache.recheckVersion();
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    expect(store.versionReads).toBe(2);
  });

  it('reads the version at most once per interval', async () => {
    const { cache, store, clock, load } = setup();
    const loader = load();
    await Promise.all(Array.from({ length: 10 }, () => cache.get('lesson:1', loader)));
    for (let i = 0; i < 10; i += 1) await cache.get('lesson:1', loader);
    expect(store.versionReads).toBe(1);
    clock.now += 1_000;
    await cache.get('lesson:1', loader);
    expect(store.versionReads).toBe(2);
  });

  it('lets an in-process entry expire after its TTL', async () => {
    const { cache, store, clock, load } = setup({ versionCheckIntervalMs: 60_000 });
    const loader = load();
    await cache.get('topics', loader);
    store.entries.set('catalogue:v0:topics', 'changed in redis');
    clock.now += 4_999;
    expect(await cache.get('topics', loader)).toBe('body#1');
    clock.now += 1;
    expect(await cache.get('topics', loader)).toBe('changed in redis');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxLocalEntries, dropping the least recently used', async () => {
    const { cache, store, load } = setup();
    const loader = load();
    await cache.get('a', loader);
    await cache.get('b', loader);
    await cache.get('c', loader);
    await cache.get('a', loader); // a is now the most recently used
    await cache.get('d', loader); // evicts b
    expect(cache.localSize).toBe(3);
    store.entries.clear();
    await cache.get('a', loader);
    await cache.get('c', loader);
    expect(loader).toHaveBeenCalledTimes(4);
    await cache.get('b', loader);
    expect(loader).toHaveBeenCalledTimes(5);
  });

  it('never caches a failed load, and shares the failure with concurrent callers', async () => {
    const { cache, store } = setup();
    const failing = jest.fn(async (): Promise<string> => {
      throw new Error('not found');
    });
    const results = await Promise.allSettled([cache.get('lesson:9', failing), cache.get('lesson:9', failing)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(cache.localSize).toBe(0);
    expect(store.entries.size).toBe(0);
    await expect(cache.get('lesson:9', async () => 'published now')).resolves.toBe('published now');
  });

  it('falls through to load when the shared store is down, keeping the in-process level', async () => {
    const { cache, store, errors, load, clock } = setup();
    store.down = true;
    const loader = load();
    expect(await cache.get('lesson:1', loader)).toBe('body#1');
    expect(await cache.get('lesson:1', loader)).toBe('body#1');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(errors).toEqual(expect.arrayContaining(['version', 'get']));
    clock.now += 5_000;
    expect(await cache.get('lesson:1', loader)).toBe('body#2');
    await expect(cache.invalidateAll()).rejects.toThrow('Redis is down');
    expect(cache.localSize).toBe(0);
  });
});
