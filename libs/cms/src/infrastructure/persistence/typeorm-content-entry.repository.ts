import { Injectable } from '@nestjs/common';
import { isForeignKeyViolation, Transactions } from '@techtrek/platform';
import {
  ContentEntryRepository,
  type ContentEntry,
  type ContentFilter,
  type ContentWriteResult,
} from '../../application/content-entry.repository.js';
import type { ContentEntryFields } from '../../domain/content-entry.js';
import { isStoredId } from '@techtrek/platform/kernel';

const COLUMNS = `content_id AS id, title, description, lesson_id AS "lessonId", revision,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class TypeOrmContentEntryRepository extends ContentEntryRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  list(filter: ContentFilter): Promise<ContentEntry[]> {
    const parameters: unknown[] = [];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    const where = ['true'];
    if (filter.lessonId !== undefined) where.push(`lesson_id = ${bind(filter.lessonId)}`);
    if (filter.beforeId !== undefined) where.push(`content_id < ${bind(filter.beforeId)}`);
    return this.query(
      `SELECT ${COLUMNS} FROM cms_content WHERE ${where.join(' AND ')} ORDER BY content_id DESC LIMIT ${bind(filter.limit)}`,
      parameters,
    );
  }

  async find(id: number): Promise<ContentEntry | null> {
    if (!isStoredId(id)) return null;
    return (
      (await this.query<ContentEntry>(`SELECT ${COLUMNS} FROM cms_content WHERE content_id = $1`, [id]))[0] ?? null
    );
  }

  async findForUpdate(id: number): Promise<ContentEntry | null> {
    if (!isStoredId(id)) return null;
    const rows = await this.query<ContentEntry>(`SELECT ${COLUMNS} FROM cms_content WHERE content_id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  create({ title, description, lessonId }: ContentEntryFields): Promise<ContentWriteResult> {
    return this.writing(
      `INSERT INTO cms_content (title, description, lesson_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [title, description, lessonId],
    );
  }

  update(id: number, { title, description, lessonId }: ContentEntryFields): Promise<ContentWriteResult> {
    return this.writing(
      // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
      `WITH updated AS (
         UPDATE cms_content SET title = $2, description = $3, lesson_id = $4, revision = revision + 1, updated_at = now()
         WHERE content_id = $1 RETURNING *
       )
       SELECT ${COLUMNS} FROM updated`,
      [id, title, description, lessonId],
    );
  }

  async delete(id: number): Promise<void> {
    await this.query(`DELETE FROM cms_content WHERE content_id = $1`, [id]);
  }

  /** A lesson id that does not exist is the foreign key's to catch: no window between check and write. */
  private async writing(sql: string, parameters: unknown[]): Promise<ContentWriteResult> {
    try {
      return (await this.transactions.savepoint(() => this.query<ContentEntry>(sql, parameters)))[0];
    } catch (error) {
      if (isForeignKeyViolation(error)) return 'unknown-lesson';
      throw error;
    }
  }

  private query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return this.transactions.manager.query(sql, parameters);
  }
}
