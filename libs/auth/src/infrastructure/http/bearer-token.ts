import type { FastifyRequest } from 'fastify';

// RFC 6750 §2.1: the scheme (case-insensitive, RFC 9110), one or more spaces, then one token68 and
// nothing after it. passport-jwt's own extractor reads the first two words and ignores the rest.
const BEARER_CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The access token of the `Authorization` header, or null when the header is not exactly `Bearer <token>`. */
export function bearerTokenOf(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (BEARER_CREDENTIALS.exec(header)?.[1] ?? null) : null;
}
