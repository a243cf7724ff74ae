import type { ContentEntryFields } from '../domain/content-entry.js';

export interface ContentEntry extends ContentEntryFields {
  id: number;
  /** Counts saved changes; the admin API's ETag. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ContentFilter {
  lessonId?: number;
  /** Only entries older than this id (the previous page's last); newest first. */
  beforeId?: number;
  limit: number;
}

/** `unknown-lesson`: the entry names a lesson that does not exist (nothing was written). */
export type ContentWriteResult = ContentEntry | 'unknown-lesson';

/** Every method runs in the caller's transaction (`Transactions`). */
export abstract class ContentEntryRepository {
  abstract list(filter: ContentFilter): Promise<ContentEntry[]>;
  abstract find(id: number): Promise<ContentEntry | null>;
  /** Locked until the transaction ends: concurrent edits queue instead of racing. */
  abstract findForUpdate(id: number): Promise<ContentEntry | null>;
  abstract create(fields: ContentEntryFields): Promise<ContentWriteResult>;
  abstract update(id: number, fields: ContentEntryFields): Promise<ContentWriteResult>;
  abstract delete(id: number): Promise<void>;
}
