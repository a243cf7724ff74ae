import { DomainError } from '@techtrek/platform/kernel';

/** Keys name their bytes (`<sha256>.<ext>`), so browsers and CDNs may keep an object for good. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Where uploaded bytes live: the local disk by default, or an S3-compatible bucket. Keys are
 * content-addressed (`<sha256>.<ext>`), so an object never changes once written and writing the
 * same key twice is harmless.
 */
export abstract class MediaStorage {
  /** Stores the bytes under `key`; overwriting with the same bytes must be safe. */
  abstract put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;

  /** The URL clients fetch the object from (absolute, or relative to the API). */
  abstract publicUrl(key: string): string;
}

/** The storage backend failed (disk full, bucket unreachable or refusing): try again later. */
export class MediaStorageUnavailableError extends DomainError {
  readonly code = 'MEDIA.STORAGE_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor() {
    super('Media storage is unavailable; try again later');
  }
}
