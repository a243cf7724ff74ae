import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, isStoredId, keysetPage } from '@techtrek/platform/kernel';
import type { MediaKind } from '../domain/media-asset.js';
import { InvalidMediaCursorError, MediaNotFoundError } from '../domain/media-asset.errors.js';
import type { MediaAssetView } from './media-library.js';
import { MediaAssetRepository, type MediaAssetRecord } from './media-asset.repository.js';
import { MediaStorage } from './media-storage.js';

/** An asset as admins see it. */
export interface MediaAssetItem extends MediaAssetView {
  byteSize: number;
  sha256: string;
  originalName: string | null;
  uploadedBy: number | null;
  createdAt: Date;
}

export interface MediaPage {
  items: MediaAssetItem[];
  /** Null on the last page. */
  nextCursor: string | null;
}

export interface ListMediaInput {
  kind?: MediaKind;
  /** 1–100, checked at the edge. */
  limit: number;
  cursor?: string;
}

/** The admin media library: newest first, by kind, one by one. */
@Injectable()
export class MediaAssetsQuery {
  constructor(
    private readonly assets: MediaAssetRepository,
    private readonly storage: MediaStorage,
  ) {}

  async list(input: ListMediaInput): Promise<MediaPage> {
    const beforeId = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const rows = await this.assets.list({ kind: input.kind, beforeId, limit: input.limit + 1 });
    const { items, nextCursor } = keysetPage(rows, input.limit, (record) => [record.id]);
    return { items: items.map((record) => this.item(record)), nextCursor };
  }

  async get(id: number): Promise<MediaAssetItem> {
    const record = isStoredId(id) ? await this.assets.findById(id) : null;
    if (!record) throw new MediaNotFoundError();
    return this.item(record);
  }

  private item(record: MediaAssetRecord): MediaAssetItem {
    return mediaAssetItem(record, this.storage.publicUrl(record.storageKey));
  }
}

export function mediaAssetItem(record: MediaAssetRecord, url: string): MediaAssetItem {
  return {
    id: record.id,
    kind: record.kind,
    contentType: record.contentType,
    url,
    byteSize: record.byteSize,
    sha256: record.sha256,
    originalName: record.originalName,
    uploadedBy: record.uploadedBy,
    createdAt: record.createdAt,
  };
}

function decodeCursor(cursor: string): number {
  const parts = decodeKeyCursor(cursor, 1);
  if (!parts || parts[0] < 1) throw new InvalidMediaCursorError();
  return parts[0];
}
