/** The shared level (Redis in production, a fake in tests). Every call may reject when it is down. */
export interface SharedCacheStore {
  /** The current catalogue version; 0 when none was ever set. */
  readVersion(): Promise<number>;
  /** Bumps the version and returns the new one. */
  bumpVersion(): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface TwoLevelCacheOptions {
  /** Bound of the in-process level (entries); the least recently used one goes first. */
  maxLocalEntries: number;
  /** In-process TTL: how stale an instance can be while it cannot reach the shared store. */
  localTtlMs: number;
  /** Shared-level TTL: keys of old versions are never read again and simply expire. */
  sharedTtlSeconds: number;
  /** How long this instance trusts the version it last read (cross-instance staleness bound). */
  versionCheckIntervalMs: number;
  /** Prefix of every key, before `v<version>:`. */
  keyPrefix: string;
}

export const DEFAULT_TWO_LEVEL_CACHE_OPTIONS: TwoLevelCacheOptions = {
  maxLocalEntries: 1_000,
  localTtlMs: 5_000,
  sharedTtlSeconds: 600,
  versionCheckIntervalMs: 1_000,
  keyPrefix: 'catalogue:',
};

interface LocalEntry {
  value: string;
  expiresAt: number;
}

/**
 * An in-process LRU/TTL map in front of a shared store, keyed by `<prefix>v<version>:<key>`.
 *
 * Coherence: the version is read from the shared store at most once per `versionCheckIntervalMs`
 * and cached in between, so a bump made by another instance is seen here within that interval
 * (plus one round trip), or at once when it is announced (`noticeVersion`); entries of older
 * versions are simply never read again. The instance
 * that bumps sees the new version at once. While the store is down the last version read stays
 * in use and in-process entries still expire after `localTtlMs`: that is the staleness bound then.
 *
 * Single-flight: concurrent misses for one key share one promise, so one `load()` per instance.
 */
export class TwoLevelCache {
  private readonly local = new Map<string, LocalEntry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private version = 0;
  private versionCheckedAt = Number.NEGATIVE_INFINITY;
  private versionRead: Promise<number> | undefined;

  constructor(
    private readonly store: SharedCacheStore,
    private readonly options: TwoLevelCacheOptions = DEFAULT_TWO_LEVEL_CACHE_OPTIONS,
    private readonly onStoreError: (operation: string, error: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Not `async`: a hit under a version read less than a second ago resolves without awaiting
   * anything, as most catalogue requests do (each promise counts on such a request; ADR 0008).
   */
  get(key: string, load: () => Promise<string>): Promise<string> {
    const version = this.currentVersion();
    if (typeof version === 'number') return this.getAt(version, key, load);
    return version.then((current) => this.getAt(current, key, load));
  }

  async invalidateAll(): Promise<void> {
    this.local.clear();
    try {
      this.version = await this.store.bumpVersion();
      this.versionCheckedAt = this.now();
    } catch (error) {
      this.onStoreError('invalidate', error);
      throw error;
    }
  }

  /**
   * Serves under `version` from now on, emptying this instance's entries: for a change this
   * instance committed together with its version bump, so no second bump (or read) is needed.
   */
  adoptVersion(version: number): void {
    this.local.clear();
    this.version = Math.max(this.version, version);
    this.versionCheckedAt = this.now();
  }

  /**
   * Another instance announced that it committed `version`: serve under it from now on if it is
   * newer than ours (a late or repeated announcement never takes us back).
   */
  noticeVersion(version: number): void {
    if (version > this.version) this.adoptVersion(version);
  }

  /** Reads the version on the next request, e.g. after announcements may have been missed. */
  recheckVersion(): void {
    this.versionCheckedAt = Number.NEGATIVE_INFINITY;
  }

  /** The version this instance serves under now. */
  get knownVersion(): number {
    return this.version;
  }

  /** Number of in-process entries (for tests and metrics). */
  get localSize(): number {
    return this.local.size;
  }

  private getAt(version: number, key: string, load: () => Promise<string>): Promise<string> {
    const fullKey = `${this.options.keyPrefix}v${version}:${key}`;
    const hit = this.readLocal(fullKey);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.inFlight.get(fullKey);
    if (pending) return pending;
    const filling = this.fill(fullKey, load).finally(() => this.inFlight.delete(fullKey));
    this.inFlight.set(fullKey, filling);
    return filling;
  }

  private async fill(fullKey: string, load: () => Promise<string>): Promise<string> {
    try {
      const shared = await this.store.get(fullKey);
      if (shared !== null) {
        this.writeLocal(fullKey, shared);
        return shared;
      }
    } catch (error) {
      this.onStoreError('get', error);
    }
    const value = await load();
    this.writeLocal(fullKey, value);
    this.store
      .set(fullKey, value, this.options.sharedTtlSeconds)
      .catch((error: unknown) => this.onStoreError('set', error));
    return value;
  }

  private currentVersion(): number | Promise<number> {
    if (this.now() - this.versionCheckedAt < this.options.versionCheckIntervalMs) return this.version;
    this.versionRead ??= this.store
      .readVersion()
      .then(
        (version) => {
          if (version !== this.version) this.local.clear();
          this.version = version;
          return version;
        },
        (error: unknown) => {
          this.onStoreError('version', error);
          return this.version;
        },
      )
      .finally(() => {
        // Also after a failure: a store that is down is asked again only after the interval.
        this.versionCheckedAt = this.now();
        this.versionRead = undefined;
      });
    return this.versionRead;
  }

  private readLocal(fullKey: string): string | undefined {
    const entry = this.local.get(fullKey);
    if (!entry) return undefined;
    this.local.delete(fullKey);
    if (entry.expiresAt <= this.now()) return undefined;
    this.local.set(fullKey, entry); // most recently used goes last
    return entry.value;
  }

  private writeLocal(fullKey: string, value: string): void {
    this.local.delete(fullKey);
    this.local.set(fullKey, { value, expiresAt: this.now() + this.options.localTtlMs });
    while (this.local.size > this.options.maxLocalEntries) {
      const oldest = this.local.keys().next().value as string;
      this.local.delete(oldest);
    }
  }
}
