import type { MediaKind, NewMediaAsset } from '../domain/media-asset.js';

/** A stored asset as its row has it. */
export interface MediaAssetRecord {
  id: number;
  kind: MediaKind;
  contentType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
  originalName: string | null;
  uploadedBy: number | null;
  createdAt: Date;
}

export interface MediaListFilter {
  kind?: MediaKind;
  /** Only assets with a smaller id (older), for the next page. */
  beforeId?: number;
  limit: number;
}

/** Every query runs in the caller's transaction when there is one (`Transactions`). */
export abstract class MediaAssetRepository {
  /** Null when an asset with the same storage key exists already (the same bytes). */
  abstract insert(asset: NewMediaAsset): Promise<MediaAssetRecord | null>;

  abstract findByStorageKey(storageKey: string): Promise<MediaAssetRecord | null>;

  abstract findById(id: number): Promise<MediaAssetRecord | null>;

  /** The assets among `ids` that exist, in no particular order. */
  abstract findByIds(ids: readonly number[]): Promise<MediaAssetRecord[]>;

  /** Newest first (descending id). */
  abstract list(filter: MediaListFilter): Promise<MediaAssetRecord[]>;
}
