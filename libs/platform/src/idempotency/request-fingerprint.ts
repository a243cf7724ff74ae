import { createHash } from 'node:crypto';

/**
 * JSON with object members sorted by key at every depth (code-unit order, as RFC 8785 sorts), so
 * the same document sent by two clients that order keys differently gets the same text.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        return member === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(member)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface FingerprintedRequest {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/**
 * SHA-256 of what the request asks for: its JSON body, and its path and query parameters, so one key
 * replayed against `/progress/7` cannot return the answer stored for `/progress/6`.
 */
export function requestFingerprint(request: FingerprintedRequest): string {
  const canonical = canonicalJson([request.params ?? {}, request.query ?? {}, request.body ?? null]);
  return createHash('sha256').update(canonical).digest('base64url');
}
