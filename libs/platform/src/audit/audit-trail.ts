import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';

/** One audited change: who did what to which entity, and the entity before and after. */
export interface AuditEntry {
  /** The acting user (an admin); `null` for the system (seed, scheduled jobs). */
  actorId: number | null;
  /** `<entity>.<verb>`, e.g. `lesson.published`, `content.deleted`. */
  action: string;
  entityType: string;
  entityId: string | number;
  /** The entity as it was (`null` when created). */
  before: unknown;
  /** The entity as it is now (`null` when deleted). */
  after: unknown;
}

/**
 * Writes the audit trail. Called inside the change's transaction (`Transactions.run`), so a change
 * and its audit record commit together or not at all.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly transactions: Transactions) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
      [
        entry.actorId,
        entry.action,
        entry.entityType,
        String(entry.entityId),
        entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
