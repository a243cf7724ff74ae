import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { XpLedgerEntry } from '../../domain/xp-policy.js';
import { XpLedger, type AppendedXpEntry, type XpAppendResult } from '../../application/xp-ledger.js';

/*
 * The append as common table expressions, for one statement to append and move users.xp_points by
 * exactly what was appended: entries whose source already paid are skipped by the unique key
 * (ON CONFLICT DO NOTHING), so they move nothing; with no entries, nothing is written.
 * Parameters: `appendParameters()`.
 */
export const APPEND_XP_CTES = `
  WITH appended AS (
    INSERT INTO xp_ledger (user_id, reason, amount, source_type, source_id)
    SELECT $1, entry.reason, entry.amount, entry.source_type, entry.source_id
    FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS entry(reason, amount, source_type, source_id)
    ON CONFLICT (user_id, source_type, source_id) DO NOTHING
    RETURNING entry_id, reason, amount, source_type, source_id, created_at
  ), total AS (
    UPDATE users SET xp_points = xp_points + (SELECT coalesce(sum(amount), 0) FROM appended)
    WHERE user_id = $1 AND cardinality($2::text[]) > 0
    RETURNING xp_points
  )`;

const APPEND = `${APPEND_XP_CTES}
  SELECT (SELECT xp_points FROM total) AS "totalXp",
         coalesce((SELECT json_agg(appended ORDER BY entry_id) FROM appended), '[]') AS appended`;

export const appendParameters = (userId: number, entries: readonly XpLedgerEntry[]): unknown[] => [
  userId,
  entries.map((entry) => entry.reason),
  entries.map((entry) => entry.amount),
  entries.map((entry) => entry.sourceType),
  entries.map((entry) => entry.sourceId),
];

/** What an append did, from the rows it returned and the total after it. */
export function appendResultOf(rows: readonly AppendedRow[], totalXp: number): XpAppendResult {
  const appended = rows.map(toAppendedEntry);
  const paid = appended.reduce((sum, entry) => sum + entry.amount, 0);
  return { appended, previousXp: totalXp - paid, totalXp };
}

export interface AppendedRow {
  entry_id: number;
  reason: AppendedXpEntry['reason'];
  amount: number;
  source_type: AppendedXpEntry['sourceType'];
  source_id: string;
  created_at: string;
}

/** The ledger in PostgreSQL; `users.xp_points` is gamification's running total of it. */
@Injectable()
export class SqlXpLedger extends XpLedger {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async append(userId: number, entries: readonly XpLedgerEntry[]): Promise<XpAppendResult> {
    if (entries.length === 0) {
      const totalXp = await this.totalOf(userId);
      return { appended: [], previousXp: totalXp, totalXp };
    }
    const [row] = await this.transactions.prepared<{ totalXp: number; appended: AppendedRow[] }>(
      'gamification.append-xp',
      APPEND,
      appendParameters(userId, entries),
    );
    return appendResultOf(row!.appended, row!.totalXp);
  }

  async totalOf(userId: number): Promise<number> {
    const [row] = await this.transactions.prepared<{ xp_points: number }>(
      'gamification.total-xp',
      `SELECT xp_points FROM users WHERE user_id = $1`,
      [userId],
    );
    return row?.xp_points ?? 0;
  }
}

function toAppendedEntry(row: AppendedRow): AppendedXpEntry {
  return {
    entryId: Number(row.entry_id),
    reason: row.reason,
    amount: row.amount,
    sourceType: row.source_type,
    sourceId: row.source_id,
    createdAt: new Date(row.created_at),
  };
}
