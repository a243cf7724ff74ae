/**
 * The learner catalogue's version (ADR 0003), kept in PostgreSQL: every instance keys its caches
 * by it, so bumping it in the same transaction as a change makes every cached answer unreachable
 * exactly when the change commits, even if the process dies right after.
 */
export abstract class CatalogueVersion {
  abstract current(): Promise<number>;
  /** Bumps it in the caller's transaction (or at once outside one) and returns the new version. */
  abstract bump(): Promise<number>;
}
