import type { CachedHint } from './hint-request.repository.js';

/** Written hints by `hintCacheIdentity`: a hit needs no provider call. */
export abstract class HintCache {
  abstract get(identity: string): Promise<CachedHint | null>;
  abstract set(identity: string, hint: CachedHint): Promise<void>;
}
