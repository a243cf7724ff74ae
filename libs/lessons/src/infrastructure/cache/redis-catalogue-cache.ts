import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { CatalogueCache } from '../../application/catalogue-cache.js';
import { CatalogueVersion } from '../../application/catalogue-version.js';
import { CatalogueVersionChannel } from './catalogue-version-channel.js';
import { TwoLevelCache, type SharedCacheStore } from './two-level-cache.js';

const WARNING_INTERVAL_MS = 30_000;

/**
 * Bytes in Redis, the version in PostgreSQL (its truth: bumped in the change's transaction). The
 * Redis client fails fast while Redis is down (no offline queue); without Redis (one-shot
 * commands such as the seed) nothing is shared and everything misses.
 */
class SharedStore implements SharedCacheStore {
  constructor(
    private readonly version: CatalogueVersion,
    private readonly redis: Redis | undefined,
  ) {}

  readVersion(): Promise<number> {
    return this.version.current();
  }

  bumpVersion(): Promise<number> {
    return this.version.bump();
  }

  async get(key: string): Promise<string | null> {
    return this.redis ? this.redis.get(key) : null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis?.set(key, value, 'EX', ttlSeconds);
  }
}

/**
 * The catalogue cache of ADR 0003: in-process LRU (1,000 entries, 5 s) in front of Redis (10 min),
 * keyed by the catalogue version in PostgreSQL. A change's new version is announced on Redis
 * pub/sub before its response is sent, so every instance serves it at once; this instance also
 * re-reads the version at most once a second, the bound when an announcement is lost (Redis down).
 * When Redis is down answers come from PostgreSQL (and the in-process level) with a warning logged
 * at most every 30 s per operation.
 */
@Injectable()
export class RedisCatalogueCache extends CatalogueCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CatalogueCache');
  private readonly lastWarned = new Map<string, number>();
  private readonly cache: TwoLevelCache;
  private readonly channel: CatalogueVersionChannel | undefined;

  constructor(version: CatalogueVersion, @Optional() @Inject(Redis) redis?: Redis) {
    super();
    const store = new SharedStore(version, redis);
    this.cache = new TwoLevelCache(store, undefined, (operation, error) => this.warn(operation, error));
    this.channel = redis ? new CatalogueVersionChannel(redis) : undefined;
  }

  onApplicationBootstrap(): void {
    this.channel?.listen(
      (version) => this.cache.noticeVersion(version),
      () => this.cache.recheckVersion(),
      (error) => this.warn('subscribe', error),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel?.close();
  }

  get(key: string, load: () => Promise<string>): Promise<string> {
    return this.cache.get(key, load);
  }

  async invalidateAll(): Promise<void> {
    await this.cache.invalidateAll();
    await this.announce(this.cache.knownVersion);
  }

  adoptVersion(version: number): Promise<void> {
    this.cache.adoptVersion(version);
    return this.announce(version);
  }

  /** Never fails the change: the others then see it on their next version check (about a second). */
  private async announce(version: number): Promise<void> {
    await this.channel?.announce(version).catch((error: unknown) => this.warn('announce', error));
  }

  private warn(operation: string, error: unknown): void {
    const now = Date.now();
    if (now - (this.lastWarned.get(operation) ?? Number.NEGATIVE_INFINITY) < WARNING_INTERVAL_MS) return;
    this.lastWarned.set(operation, now);
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Catalogue cache ${operation} failed, serving from PostgreSQL: ${message}`);
  }
}
