/**
 * Opaque pagination cursors: base64url of the last row's sort key (integers). A key, not an
 * offset, so rows inserted into pages already read never shift the next page.
 */
export function encodeKeyCursor(parts: readonly number[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

/** The key parts, or `undefined` for anything this API would not have issued. */
export function decodeKeyCursor(cursor: string, length: number): number[] | undefined {
  // Node's base64 decoder skips characters it does not know; accept only what we would have written.
  if (!BASE64URL.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== length || !parsed.every((part) => Number.isSafeInteger(part))) {
    return undefined;
  }
  return encodeKeyCursor(parsed as number[]) === cursor ? (parsed as number[]) : undefined;
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only tells that another page exists
 * (no count query), and the cursor is the last returned row's key.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => readonly number[],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeKeyCursor(keyOf(items[items.length - 1])) : null };
}
