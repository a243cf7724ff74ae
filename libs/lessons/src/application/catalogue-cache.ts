/**
 * Caches catalogue answers as the exact JSON bytes sent (ADR 0003). A key is the request's
 * normalised parameters (`lesson:13`, `lessons:apis|beginner|20|`, `topics`); the adapter adds the
 * catalogue version, so `invalidateAll()` empties every entry on every instance at once.
 */
export abstract class CatalogueCache {
  /**
   * The cached body for `key`, or `load()`'s result (then cached). Concurrent misses for one key
   * share one `load()`. A rejected `load()` (a 404, a 400) is passed on and never cached. Never
   * fails because the cache's store is down: it falls through to `load()`.
   */
  abstract get(key: string, load: () => Promise<string>): Promise<string>;

  /**
   * Makes every cached answer, on every instance, unreachable: this instance at once, the others as
   * soon as they hear of it (before this resolves, where the adapter can announce it; within about a
   * second otherwise). Rejects when the version cannot be bumped (PostgreSQL unreachable), after
   * emptying this instance's entries.
   */
  abstract invalidateAll(): Promise<void>;

  /**
   * This instance committed a change together with a bump to `version`: it empties its entries and
   * serves under that version at once. An adapter that can tell the other instances returns a
   * promise that settles once they have been told (their next version check is the fallback).
   */
  abstract adoptVersion(version: number): void | Promise<void>;
}
