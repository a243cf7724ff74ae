import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { MediaStorage, MediaStorageUnavailableError } from '../../application/media-storage.js';
import { isStorageKey } from '../../domain/media-asset.js';

export interface LocalDiskMediaSettings {
  directory: string;
  /** Prefix of the URLs (a CDN in front of the API); '' gives `/media/<key>`. */
  publicBaseUrl: string;
}

export interface StoredMediaFile {
  size: number;
  /** Opens the file; `range` is inclusive, as in HTTP. */
  open(range?: { start: number; end: number }): ReadStream;
}

/** The default storage: files in one directory, served by the API itself at `/media/<key>`. */
export class LocalDiskMediaStorage extends MediaStorage {
  private readonly logger = new Logger(LocalDiskMediaStorage.name);
  private readonly directory: string;
  private readonly urlPrefix: string;

  constructor(settings: LocalDiskMediaSettings) {
    super();
    this.directory = resolve(settings.directory);
    this.urlPrefix = `${settings.publicBaseUrl.replace(/\/+$/, '')}/media/`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    if (!target) throw new Error(`not a media storage key: ${JSON.stringify(key)}`);
    // Written aside and renamed into place: a reader never sees half a file, and two identical
    // uploads racing each write whole files with the same content.
    const temporary = join(this.directory, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(this.directory, { recursive: true });
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.logger.error(`Could not store ${key} in ${this.directory}: ${(error as Error).message}`);
      throw new MediaStorageUnavailableError();
    }
  }

  publicUrl(key: string): string {
    return `${this.urlPrefix}${key}`;
  }

  /** The stored file, or null for anything that is not an object we stored (including any path). */
  async find(key: string): Promise<StoredMediaFile | null> {
    const path = this.pathOf(key);
    if (!path) return null;
    const stats = await stat(path).catch(() => null);
    if (!stats?.isFile()) return null;
    return { size: stats.size, open: (range) => createReadStream(path, range) };
  }

  /** Only keys we issue map to a path, so no input can name a file outside the directory. */
  private pathOf(key: string): string | null {
    return isStorageKey(key) ? join(this.directory, key) : null;
  }
}
