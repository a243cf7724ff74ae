import { Injectable } from '@nestjs/common';
import { AuditTrail, Transactions } from '@techtrek/platform';
import { acceptsRevision } from '@techtrek/platform/kernel';
import { validContentEntry, type ContentEntryFields } from '../domain/content-entry.js';
import {
  ContentEntryNotFoundError,
  InvalidContentEntryError,
  StaleContentRevisionError,
} from '../domain/content-entry.errors.js';
import { ContentEntryRepository, type ContentEntry, type ContentWriteResult } from './content-entry.repository.js';

export interface ContentCommand {
  actorId: number;
  id: number;
  /** The revisions the admin's `If-Match` accepts; `undefined` when any will do. */
  acceptedRevisions?: readonly number[];
}

const unknownLesson = () => new InvalidContentEntryError([{ field: 'lessonId', message: 'is not an existing lesson' }]);

/** Creates, edits and deletes CMS entries: one transaction each, audited with before and after. */
@Injectable()
export class ContentEntryChanges {
  constructor(
    private readonly transactions: Transactions,
    private readonly entries: ContentEntryRepository,
    private readonly audit: AuditTrail,
  ) {}

  create(actorId: number, fields: ContentEntryFields): Promise<ContentEntry> {
    const valid = validContentEntry(fields);
    return this.transactions.run(async () => {
      const created = written(await this.entries.create(valid));
      await this.record(actorId, 'content.created', created.id, null, created);
      return created;
    });
  }

  /** Only the fields given change. */
  update(command: ContentCommand, changes: Partial<ContentEntryFields>): Promise<ContentEntry> {
    return this.transactions.run(async () => {
      const before = await this.locked(command);
      const valid = validContentEntry({ ...before, ...changes });
      const after = written(await this.entries.update(command.id, valid));
      await this.record(command.actorId, 'content.updated', command.id, before, after);
      return after;
    });
  }

  delete(command: ContentCommand): Promise<void> {
    return this.transactions.run(async () => {
      const before = await this.locked(command);
      await this.entries.delete(command.id);
      await this.record(command.actorId, 'content.deleted', command.id, before, null);
    });
  }

  private async locked({ id, acceptedRevisions }: ContentCommand): Promise<ContentEntry> {
    const entry = await this.entries.findForUpdate(id);
    if (!entry) throw new ContentEntryNotFoundError(id);
    if (!acceptsRevision(acceptedRevisions, entry.revision)) {
      throw new StaleContentRevisionError(entry.revision);
    }
    return entry;
  }

  private record(actorId: number, action: string, id: number, before: ContentEntry | null, after: ContentEntry | null) {
    return this.audit.record({ actorId, action, entityType: 'content', entityId: id, before, after });
  }
}

function written(result: ContentWriteResult): ContentEntry {
  if (result === 'unknown-lesson') throw unknownLesson();
  return result;
}
