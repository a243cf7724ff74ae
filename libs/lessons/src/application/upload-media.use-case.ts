import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditTrail, Transactions } from '@techtrek/platform';
import { fileTypeFromBuffer } from 'file-type';
import { newMediaAsset } from '../domain/media-asset.js';
import { mediaAssetItem, type MediaAssetItem } from './media-assets.query.js';
import { MediaAssetRepository, type MediaAssetRecord } from './media-asset.repository.js';
import { MediaStorage } from './media-storage.js';

/** `MEDIA_MAX_BYTES`, provided by the module from the validated settings. */
export class MediaUploadLimits {
  constructor(readonly maxBytes: number) {}
}

export interface UploadMediaInput {
  /** The admin uploading. */
  actorId: number;
  bytes: Uint8Array;
  /** The client's file name, for display only. */
  fileName?: string;
}

export interface UploadMediaResult {
  asset: MediaAssetItem;
  /** False when the same bytes had been uploaded before: nothing new was stored. */
  created: boolean;
}

/**
 * Stores an uploaded image, audio or video file. Its type comes from its bytes, never from the
 * name or the declared content type; its key from its SHA-256, so the same file is stored once.
 */
@Injectable()
export class UploadMediaUseCase {
  constructor(
    private readonly assets: MediaAssetRepository,
    private readonly storage: MediaStorage,
    private readonly transactions: Transactions,
    private readonly auditTrail: AuditTrail,
    private readonly limits: MediaUploadLimits,
  ) {}

  async execute(input: UploadMediaInput): Promise<UploadMediaResult> {
    const { bytes } = input;
    // Reads the few header bytes each format needs, not the whole file.
    const sniffed = await fileTypeFromBuffer(bytes);
    const asset = newMediaAsset({
      sniffedType: sniffed?.mime,
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileName: input.fileName,
      uploadedBy: input.actorId,
      maxBytes: this.limits.maxBytes,
    });

    const existing = await this.assets.findByStorageKey(asset.storageKey);
    if (existing) return { asset: this.item(existing), created: false };

    // Bytes first, row second: a failed insert leaves an unreferenced object that the next
    // identical upload reuses; the other order could leave a row pointing at nothing.
    await this.storage.put(asset.storageKey, bytes, asset.contentType);
    return this.transactions.run(async () => {
      const inserted = await this.assets.insert(asset);
      if (!inserted) {
        // An identical upload committed between our lookup and our insert.
        const winner = await this.assets.findByStorageKey(asset.storageKey);
        if (!winner) throw new Error(`media asset ${asset.storageKey} conflicted but cannot be read`);
        return { asset: this.item(winner), created: false };
      }
      const item = this.item(inserted);
      await this.auditTrail.record({
        actorId: input.actorId,
        action: 'media.uploaded',
        entityType: 'media_asset',
        entityId: inserted.id,
        before: null,
        after: item,
      });
      return { asset: item, created: true };
    });
  }

  private item(record: MediaAssetRecord): MediaAssetItem {
    return mediaAssetItem(record, this.storage.publicUrl(record.storageKey));
  }
}
