import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes do not matter. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

const MEMO_ENTRIES = 1_000;
const MEMO_MAX_BODY_CHARS = 256 * 1024;

/**
 * Strong ETags by body. Cacheable answers are mostly the same bodies sent again and again (the
 * catalogue sends the very string it cached), and hashing one was a measurable share of such a
 * request; a Map keyed by the body finds its tag without hashing it again, since V8 keeps a
 * string's own hash on the string. Keyed by content, so a tag can never be stale. Bounded: the
 * oldest entry goes first.
 */
export class EtagMemo {
  private readonly tags = new Map<string, string>();

  constructor(
    private readonly maxEntries = MEMO_ENTRIES,
    private readonly maxBodyChars = MEMO_MAX_BODY_CHARS,
  ) {}

  tagOf(body: string): string {
    const known = this.tags.get(body);
    if (known !== undefined) return known;
    const tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    if (body.length <= this.maxBodyChars) {
      if (this.tags.size >= this.maxEntries) this.tags.delete(this.tags.keys().next().value as string);
      this.tags.set(body, tag);
    }
    return tag;
  }

  get size(): number {
    return this.tags.size;
  }
}

/**
 * Strong ETags and `304 Not Modified` for every response a shared cache may keep (`Cache-Control:
 * public`): a client or CDN revalidates with `If-None-Match` and gets no body when nothing changed.
 * The tag is a hash of the bytes sent, so it is right whatever produced them.
 */
export function installConditionalGet(fastify: FastifyInstance, etags = new EtagMemo()): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const cacheable =
      (request.method === 'GET' || request.method === 'HEAD') &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      String(reply.getHeader('cache-control') ?? '').includes('public');
    if (!cacheable) return done(null, payload);
    const etag = etags.tagOf(payload);
    void reply.header('etag', etag);
    if (!matches(request.headers['if-none-match'], etag)) return done(null, payload);
    void reply.code(304);
    done(null, '');
  });
}
