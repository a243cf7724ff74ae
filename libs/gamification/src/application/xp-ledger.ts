import type { XpLedgerEntry } from '../domain/xp-policy.js';

/** An entry the ledger accepted: its source had not paid before. */
export interface AppendedXpEntry extends XpLedgerEntry {
  entryId: number;
  createdAt: Date;
}

export interface XpAppendResult {
  appended: AppendedXpEntry[];
  previousXp: number;
  totalXp: number;
}

/**
 * The append-only XP ledger. `append` writes in the current transaction, skips entries whose
 * source already paid (the unique key decides, so a race cannot pay twice), and moves the user's
 * total by what it wrote, in the same statement: the total always equals the ledger's sum.
 */
export abstract class XpLedger {
  abstract append(userId: number, entries: readonly XpLedgerEntry[]): Promise<XpAppendResult>;
  abstract totalOf(userId: number): Promise<number>;
}
