import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes do not matter. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

/**
 * Strong ETags and `304 Not Modified` for every response a shared cache may keep (`Cache-Control:
 * public`): a client or CDN revalidates with `If-None-Match` and gets no body when nothing changed.
 * The tag is a hash of the bytes sent, so it is right whatever produced them.
 */
export function installConditionalGet(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const cacheable =
      (request.method === 'GET' || request.method === 'HEAD') &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      String(reply.getHeader('cache-control') ?? '').includes('public');
    if (!cacheable) return done(null, payload);
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    void reply.header('etag', etag);
    if (!matches(request.headers['if-none-match'], etag)) return done(null, payload);
    void reply.code(304);
    done(null, '');
  });
}
