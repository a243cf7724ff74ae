import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { NewMediaAsset } from '../../domain/media-asset.js';
import {
  MediaAssetRepository,
  type MediaAssetRecord,
  type MediaListFilter,
} from '../../application/media-asset.repository.js';

/** `byte_size` is a bigint, which pg returns as text; every asset is far below 2^53 bytes. */
const COLUMNS = `media_id AS id, kind, content_type AS "contentType", byte_size::float8 AS "byteSize", sha256,
  storage_key AS "storageKey", original_name AS "originalName", uploaded_by AS "uploadedBy", created_at AS "createdAt"`;

@Injectable()
export class TypeOrmMediaAssetRepository extends MediaAssetRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async insert(asset: NewMediaAsset): Promise<MediaAssetRecord | null> {
    const rows: MediaAssetRecord[] = await this.transactions.manager.query(
      `INSERT INTO media_assets (kind, content_type, byte_size, sha256, storage_key, original_name, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (storage_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        asset.kind,
        asset.contentType,
        asset.byteSize,
        asset.sha256,
        asset.storageKey,
        asset.originalName,
        asset.uploadedBy,
      ],
    );
    return rows[0] ?? null;
  }

  async findByStorageKey(storageKey: string): Promise<MediaAssetRecord | null> {
    const rows: MediaAssetRecord[] = await this.transactions.manager.query(
      `SELECT ${COLUMNS} FROM media_assets WHERE storage_key = $1`,
      [storageKey],
    );
    return rows[0] ?? null;
  }

  async findById(id: number): Promise<MediaAssetRecord | null> {
    const rows = await this.findByIds([id]);
    return rows[0] ?? null;
  }

  async findByIds(ids: readonly number[]): Promise<MediaAssetRecord[]> {
    if (ids.length === 0) return [];
    return this.transactions.manager.query(`SELECT ${COLUMNS} FROM media_assets WHERE media_id = ANY($1::integer[])`, [
      ids,
    ]);
  }

  async list(filter: MediaListFilter): Promise<MediaAssetRecord[]> {
    const parameters: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    if (filter.kind !== undefined) where.push(`kind = ${bind(filter.kind)}`);
    if (filter.beforeId !== undefined) where.push(`media_id < ${bind(filter.beforeId)}::bigint`);
    return this.transactions.manager.query(
      `SELECT ${COLUMNS} FROM media_assets
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY media_id DESC
       LIMIT ${bind(filter.limit)}`,
      parameters,
    );
  }
}
