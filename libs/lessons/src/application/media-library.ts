import { Injectable } from '@nestjs/common';
import { isStoredId } from '@techtrek/platform/kernel';
import type { MediaKind } from '../domain/media-asset.js';
import { MediaAssetRepository } from './media-asset.repository.js';
import { MediaStorage } from './media-storage.js';

/** What lesson content needs to show an uploaded asset. */
export interface MediaAssetView {
  id: number;
  kind: MediaKind;
  contentType: string;
  url: string;
}

/** Resolves the asset ids lessons reference; the lesson authoring code's one way into media. */
@Injectable()
export class MediaLibrary {
  constructor(
    private readonly assets: MediaAssetRepository,
    private readonly storage: MediaStorage,
  ) {}

  /**
   * The assets that exist among `ids`, in the order first asked, each once. Unknown ids (and ids
   * that could not be one) are left out, so a caller finds the missing ones by comparing ids.
   */
  async findByIds(ids: readonly number[]): Promise<MediaAssetView[]> {
    const wanted = [...new Set(ids)].filter(isStoredId);
    if (wanted.length === 0) return [];
    const byId = new Map((await this.assets.findByIds(wanted)).map((record) => [record.id, record]));
    return wanted.flatMap((id) => {
      const record = byId.get(id);
      return record
        ? [{ id, kind: record.kind, contentType: record.contentType, url: this.storage.publicUrl(record.storageKey) }]
        : [];
    });
  }
}
