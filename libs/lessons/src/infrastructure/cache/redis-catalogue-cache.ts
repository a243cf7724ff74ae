import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CatalogueCache } from '../../application/catalogue-cache.js';
import { TwoLevelCache, type SharedCacheStore } from './two-level-cache.js';

const VERSION_KEY = 'catalogue:version';
const WARNING_INTERVAL_MS = 30_000;

/** The shared level in Redis. The client fails fast while Redis is down (no offline queue). */
class RedisCacheStore implements SharedCacheStore {
  constructor(private readonly redis: Redis) {}

  async readVersion(): Promise<number> {
    return Number((await this.redis.get(VERSION_KEY)) ?? 0);
  }

  bumpVersion(): Promise<number> {
    return this.redis.incr(VERSION_KEY);
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }
}

/** Without Redis (one-shot commands such as the seed): nothing is shared, everything misses. */
class NoSharedStore implements SharedCacheStore {
  readVersion = () => Promise.resolve(0);
  bumpVersion = () => Promise.resolve(0);
  get = () => Promise.resolve(null);
  set = () => Promise.resolve();
}

/**
 * The catalogue cache of ADR 0003: in-process LRU (1,000 entries, 5 s) in front of Redis (10 min),
 * keyed by the version in `catalogue:version`, which this instance re-reads at most once a second.
 * When Redis is down answers come from PostgreSQL (and the in-process level) with a warning logged
 * at most every 30 s per operation.
 */
@Injectable()
export class RedisCatalogueCache extends CatalogueCache {
  private readonly logger = new Logger('CatalogueCache');
  private readonly lastWarned = new Map<string, number>();
  private readonly cache: TwoLevelCache;

  constructor(@Optional() @Inject(Redis) redis?: Redis) {
    super();
    const store = redis ? new RedisCacheStore(redis) : new NoSharedStore();
    this.cache = new TwoLevelCache(store, undefined, (operation, error) => this.warn(operation, error));
  }

  get(key: string, load: () => Promise<string>): Promise<string> {
    return this.cache.get(key, load);
  }

  invalidateAll(): Promise<void> {
    return this.cache.invalidateAll();
  }

  private warn(operation: string, error: unknown): void {
    const now = Date.now();
    if (now - (this.lastWarned.get(operation) ?? Number.NEGATIVE_INFINITY) < WARNING_INTERVAL_MS) return;
    this.lastWarned.set(operation, now);
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Catalogue cache ${operation} failed, serving from PostgreSQL: ${message}`);
  }
}
