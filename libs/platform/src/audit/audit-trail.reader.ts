import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AuditRecord {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  /** Only records older than this id (the previous page's last). */
  beforeId?: number;
  limit: number;
}

/** The audit trail, newest first; every filter is served by an index (see the migration). */
@Injectable()
export class AuditTrailReader {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: AuditFilter): Promise<AuditRecord[]> {
    const parameters: unknown[] = [];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    const where = ['true'];
    if (filter.entityType !== undefined) where.push(`entity_type = ${bind(filter.entityType)}`);
    if (filter.entityId !== undefined) where.push(`entity_id = ${bind(filter.entityId)}`);
    if (filter.actorId !== undefined) where.push(`actor_id = ${bind(filter.actorId)}`);
    if (filter.action !== undefined) where.push(`action = ${bind(filter.action)}`);
    if (filter.beforeId !== undefined) where.push(`audit_id < ${bind(filter.beforeId)}`);
    return this.dataSource.query(
      `SELECT audit_id::int AS id, occurred_at AS "occurredAt", actor_id AS "actorId", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after
       FROM audit_log WHERE ${where.join(' AND ')}
       ORDER BY audit_id DESC LIMIT ${bind(filter.limit)}`,
      parameters,
    );
  }
}
