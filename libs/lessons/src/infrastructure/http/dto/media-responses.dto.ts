import { ApiProperty } from '@nestjs/swagger';
import type { MediaKind } from '../../../domain/media-asset.js';

export class MediaAssetDto {
  /**
   * What lessons reference (`media[].assetId`).
   * @example 17
   */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "image" */
  kind!: MediaKind;
  /**
   * Found by reading the file's bytes, not from its name or the declared type.
   * @example "image/png"
   */
  contentType!: string;
  /** @example 48213 */
  @ApiProperty({ type: 'integer' })
  byteSize!: number;
  /**
   * Where clients fetch the file: `/media/<key>` on this API (relative unless a public base URL
   * is configured), or the bucket's URL. Never changes content: cache it for good.
   * @example "/media/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png"
   */
  url!: string;
  /**
   * Lower-case hex SHA-256 of the bytes; the same file uploaded again is the same asset.
   * @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
   */
  sha256!: string;
  /**
   * The uploaded file's name without any path or control characters, for display only.
   * @example "api-waiter-diagram.png"
   */
  originalName!: string | null;
  /**
   * The admin who uploaded it; null once their account is erased.
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  uploadedBy!: number | null;
  /** @example "2025-11-30T10:15:00.000Z" */
  createdAt!: Date;
}

export class MediaPageDto {
  /** Newest first. */
  items!: MediaAssetDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzE3XQ"
   */
  nextCursor!: string | null;
}
