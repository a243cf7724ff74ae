/**
 * Optimistic concurrency for admin resources, as entity tags over a revision counter: every admin
 * read sends `ETag: "r<revision>"`, and a write's `If-Match` names the revision it was based on.
 */
export function revisionTag(revision: number): string {
  return `"r${revision}"`;
}

const REVISION_TAG = /^"r(\d{1,9})"$/;

/**
 * The revisions an `If-Match` header accepts: `undefined` when any will do (no header, or `*`).
 * Weak tags (`W/"r3"`) and tags this API never issues match nothing (RFC 9110 compares If-Match
 * strongly), so such a header yields `[]` and the write gets its 412.
 */
export function revisionsFromIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*')) return undefined;
  return tags.flatMap((tag) => {
    const match = REVISION_TAG.exec(tag);
    return match ? [Number(match[1])] : [];
  });
}

/** The OpenAPI description of the optional `If-Match` header of every revisioned write. */
export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of your last read (`"r3"`); a stale one is refused with 412 and nothing is written.',
};

/** Sends the entity's revision as its ETag, for the next write's `If-Match`; returns the entity. */
export function withRevisionTag<T extends { revision: number }>(
  reply: { header(name: string, value: string): unknown },
  entity: T,
): T {
  reply.header('etag', revisionTag(entity.revision));
  return entity;
}
