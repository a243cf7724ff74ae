import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, keysetPage } from '@techtrek/platform/kernel';
import { ContentEntryNotFoundError, InvalidContentEntryError } from '../domain/content-entry.errors.js';
import { ContentEntryRepository, type ContentEntry } from './content-entry.repository.js';

export interface ContentPage {
  items: ContentEntry[];
  nextCursor: string | null;
}

/** CMS entries for the admin API: newest first, optionally those of one lesson. */
@Injectable()
export class ContentEntriesQuery {
  constructor(private readonly entries: ContentEntryRepository) {}

  async get(id: number): Promise<ContentEntry> {
    const entry = await this.entries.find(id);
    if (!entry) throw new ContentEntryNotFoundError(id);
    return entry;
  }

  async list(input: { lessonId?: number; limit: number; cursor?: string }): Promise<ContentPage> {
    const beforeId = input.cursor === undefined ? undefined : decodeKeyCursor(input.cursor, 1)?.[0];
    if (input.cursor !== undefined && beforeId === undefined) {
      throw new InvalidContentEntryError([
        { field: 'cursor', message: 'must be a nextCursor returned by this endpoint' },
      ]);
    }
    const rows = await this.entries.list({ lessonId: input.lessonId, beforeId, limit: input.limit + 1 });
    return keysetPage(rows, input.limit, (entry) => [entry.id]);
  }
}
