import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AuditEntry, AuditTrail, Transactions } from '@techtrek/platform';
import type { NewMediaAsset } from '../domain/media-asset.js';
import {
  InvalidMediaCursorError,
  MediaNotFoundError,
  MediaTooLargeError,
  MediaUnsupportedTypeError,
} from '../domain/media-asset.errors.js';
import { MediaAssetRepository, type MediaAssetRecord, type MediaListFilter } from './media-asset.repository.js';
import { MediaAssetsQuery } from './media-assets.query.js';
import { MediaLibrary } from './media-library.js';
import { MediaStorage, MediaStorageUnavailableError } from './media-storage.js';
import { MediaUploadLimits, UploadMediaUseCase } from './upload-media.use-case.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const at = new Date('2025-11-30T10:15:00Z');

class InMemoryMediaAssets extends MediaAssetRepository {
  readonly rows: MediaAssetRecord[] = [];
  /** Simulates an identical upload committing between the lookup and the insert. */
  raceOnInsert = false;

  add(asset: NewMediaAsset): MediaAssetRecord {
    const record = { ...asset, id: this.rows.length + 1, createdAt: at };
    this.rows.push(record);
    return record;
  }
  async insert(asset: NewMediaAsset): Promise<MediaAssetRecord | null> {
    if (this.raceOnInsert) this.add(asset);
    return this.rows.some((row) => row.storageKey === asset.storageKey) ? null : this.add(asset);
  }
  async findByStorageKey(storageKey: string): Promise<MediaAssetRecord | null> {
    return this.rows.find((row) => row.storageKey === storageKey) ?? null;
  }
  async findById(id: number): Promise<MediaAssetRecord | null> {
    return this.rows.find((row) => row.id === id) ?? null;
  }
  async findByIds(ids: readonly number[]): Promise<MediaAssetRecord[]> {
    return this.rows.filter((row) => ids.includes(row.id)).reverse();
  }
  async list(filter: MediaListFilter): Promise<MediaAssetRecord[]> {
    return [...this.rows]
      .reverse()
      .filter(
        (row) => (filter.kind === undefined || row.kind === filter.kind) && row.id < (filter.beforeId ?? Infinity),
      )
      .slice(0, filter.limit);
  }
}

class RecordingStorage extends MediaStorage {
  readonly puts: { key: string; bytes: Uint8Array; contentType: string }[] = [];
  failing = false;
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (this.failing) throw new MediaStorageUnavailableError();
    this.puts.push({ key, bytes, contentType });
  }
  publicUrl(key: string): string {
    return `https://cdn.example/${key}`;
  }
}

/** Runs the work at once, noting what happened inside a transaction. */
function fakeTransactions(log: string[]): Transactions {
  return {
    run: async <T>(work: () => Promise<T>) => {
      log.push('begin');
      const result = await work();
      log.push('commit');
      return result;
    },
  } as unknown as Transactions;
}

function setUp(maxBytes = 1024) {
  const assets = new InMemoryMediaAssets();
  const storage = new RecordingStorage();
  const log: string[] = [];
  const audits: AuditEntry[] = [];
  const auditTrail = { record: async (entry: AuditEntry) => void (audits.push(entry), log.push('audit')) };
  const upload = new UploadMediaUseCase(
    assets,
    storage,
    fakeTransactions(log),
    auditTrail as unknown as AuditTrail,
    new MediaUploadLimits(maxBytes),
  );
  return { assets, storage, log, audits, upload, query: new MediaAssetsQuery(assets, storage) };
}

describe('UploadMediaUseCase', () => {
  it('sniffs the bytes, stores them under their digest, then adds the row and its audit in one transaction', async () => {
    const { upload, storage, assets, log, audits } = setUp();

    const result = await upload.execute({ actorId: 3, bytes: PNG, fileName: 'dot.png' });

    const key = `${sha256(PNG)}.png`;
    expect(storage.puts).toEqual([{ key, bytes: PNG, contentType: 'image/png' }]);
    expect(assets.rows).toHaveLength(1);
    expect(result).toEqual({
      created: true,
      asset: {
        id: 1,
        kind: 'image',
        contentType: 'image/png',
        url: `https://cdn.example/${key}`,
        byteSize: PNG.length,
        sha256: sha256(PNG),
        originalName: 'dot.png',
        uploadedBy: 3,
        createdAt: at,
      },
    });
    expect(log).toEqual(['begin', 'audit', 'commit']);
    expect(audits).toEqual([
      {
        actorId: 3,
        action: 'media.uploaded',
        entityType: 'media_asset',
        entityId: 1,
        before: null,
        after: result.asset,
      },
    ]);
  });

  it('returns the existing asset for bytes uploaded before, storing and auditing nothing', async () => {
    const { upload, storage, audits } = setUp();
    const first = await upload.execute({ actorId: 3, bytes: PNG, fileName: 'a.png' });

    const again = await upload.execute({ actorId: 4, bytes: Buffer.from(PNG), fileName: 'b.png' });

    expect(again).toEqual({ created: false, asset: first.asset });
    expect(storage.puts).toHaveLength(1);
    expect(audits).toHaveLength(1);
  });

  it('returns the winner when an identical upload commits between the lookup and the insert', async () => {
    const { upload, assets, audits } = setUp();
    assets.raceOnInsert = true;

    const result = await upload.execute({ actorId: 3, bytes: PNG });

    expect(result.created).toBe(false);
    expect(result.asset.id).toBe(assets.rows[0].id);
    expect(assets.rows).toHaveLength(1);
    expect(audits).toEqual([]);
  });

  it('refuses text dressed as a PNG by its name, whatever the client claims, before storing', async () => {
    const { upload, storage, assets } = setUp();

    await expect(
      upload.execute({ actorId: 3, bytes: Buffer.from('hello, not an image'), fileName: 'x.png' }),
    ).rejects.toThrow(MediaUnsupportedTypeError);
    expect(storage.puts).toEqual([]);
    expect(assets.rows).toEqual([]);
  });

  it('refuses bytes over the limit with MEDIA.TOO_LARGE', async () => {
    const { upload, storage } = setUp(PNG.length - 1);

    await expect(upload.execute({ actorId: 3, bytes: PNG })).rejects.toThrow(MediaTooLargeError);
    expect(storage.puts).toEqual([]);
  });

  it('adds no row when storage fails', async () => {
    const { upload, storage, assets, log } = setUp();
    storage.failing = true;

    await expect(upload.execute({ actorId: 3, bytes: PNG })).rejects.toThrow(MediaStorageUnavailableError);
    expect(assets.rows).toEqual([]);
    expect(log).toEqual([]);
  });
});

describe('MediaAssetsQuery', () => {
  async function withAssets(count: number) {
    const context = setUp(10_000);
    for (let n = 0; n < count; n += 1) {
      context.assets.add({
        kind: n % 2 === 0 ? 'image' : 'audio',
        contentType: n % 2 === 0 ? 'image/png' : 'audio/mpeg',
        byteSize: 10 + n,
        sha256: String(n).padStart(64, '0'),
        storageKey: `${String(n).padStart(64, '0')}.${n % 2 === 0 ? 'png' : 'mp3'}`,
        originalName: null,
        uploadedBy: 3,
      });
    }
    return context;
  }

  it('pages newest first with a cursor until the last page, whose cursor is null', async () => {
    const { query } = await withAssets(5);

    const first = await query.list({ limit: 2 });
    const second = await query.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const last = await query.list({ limit: 2, cursor: second.nextCursor ?? undefined });

    expect([first, second, last].map((page) => page.items.map((item) => item.id))).toEqual([[5, 4], [3, 2], [1]]);
    expect(last.nextCursor).toBeNull();
    expect(first.items[0].url).toBe(`https://cdn.example/${'4'.padStart(64, '0')}.png`);
  });

  it('filters by kind', async () => {
    const { query } = await withAssets(5);

    expect((await query.list({ limit: 10, kind: 'audio' })).items.map((item) => item.id)).toEqual([4, 2]);
  });

  it.each(['not-a-cursor', 'WzAsMV0', 'WzBd', 'WyJ4Il0'])('refuses the cursor %s', async (cursor) => {
    const { query } = await withAssets(1);

    await expect(query.list({ limit: 2, cursor })).rejects.toThrow(InvalidMediaCursorError);
  });

  it('reads one asset, and 404s for ids that do not or cannot exist', async () => {
    const { query } = await withAssets(2);

    expect((await query.get(2)).id).toBe(2);
    for (const id of [3, 0, -1, 2 ** 31]) await expect(query.get(id)).rejects.toThrow(MediaNotFoundError);
  });
});

describe('MediaLibrary', () => {
  it('resolves ids in the order asked, once each, leaving out unknown and impossible ids', async () => {
    const { upload, assets, storage } = setUp();
    const { asset } = await upload.execute({ actorId: 3, bytes: PNG });
    const library = new MediaLibrary(assets, storage);

    const views = await library.findByIds([99, asset.id, 0, 1.5, asset.id, Number.NaN, 2 ** 31]);

    expect(views).toEqual([{ id: asset.id, kind: 'image', contentType: 'image/png', url: asset.url }]);
  });

  it('asks the repository nothing for an empty list', async () => {
    const { assets, storage } = setUp();
    assets.findByIds = () => Promise.reject(new Error('should not be called'));

    expect(await new MediaLibrary(assets, storage).findByIds([])).toEqual([]);
  });
});
