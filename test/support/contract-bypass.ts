import { isUtf8 } from 'node:buffer';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { posix } from 'node:path';
import type { InjectOptions } from 'fastify';

/**
 * Why an exchange goes straight to the app instead of through Prism: each is something Prism (or
 * Node's HTTP client in front of it) cannot carry unchanged, so the app would answer another
 * request than the test sent, or the test would get another answer than the app gave. A closed
 * list: every other exchange is validated, and the contract report counts each reason.
 */
export const BYPASS_REASONS = {
  clientAddress: 'sets remoteAddress: over HTTP every request comes from 127.0.0.1',
  headerBytes: "a header Node's HTTP client refuses to send (control characters, NUL)",
  headerSize: "headers over Node's 16 KB limit: Prism's server answers 431 itself",
  declaredLength: 'a Content-Length other than the body has: only inject() sends one',
  schemeCase: 'a lower/mixed-case Bearer scheme: Prism matches it case-sensitively, RFC 9110 §11.1 does not',
  rewrittenUrl: 'Prism normalises the URL before forwarding (dot segments, double slashes, malformed escapes)',
  malformedJson: 'a JSON body that does not parse: Prism answers it itself',
  bareJson: 'a top-level JSON string, null, false or 0: Prism forwards a string unquoted and drops the others',
  deepJson: 'JSON nested too deep to serialise again, as Prism does before forwarding',
  bodyOnGet: 'a GET or HEAD with a body: Prism refuses to forward one (501)',
  multipart: 'multipart/form-data: Prism parses the form, forwards files as text, and dies on a malformed one',
  binaryBody: 'a body that is not UTF-8: Prism forwards bodies as text',
  binaryAnswer: 'GET /media/<key> answers file bytes: Prism relays bodies as UTF-8 text',
  emptyAnswer: 'HEAD, or If-None-Match (an empty 304): Prism parses the empty body as the JSON its Content-Type names',
} as const;

export type BypassReason = keyof typeof BYPASS_REASONS;

/** Node's default `maxHeaderSize` (Prism's server), less room for the lines Node adds. */
const PRISM_HEADER_LIMIT = 16 * 1024 - 512;
/** The media types Prism parses as JSON (type-is `application/json`, `application/*+json`). */
const JSON_MEDIA_TYPE = /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** Why Prism cannot carry this `inject()` exchange unchanged, if it cannot. */
export function bypassReasonOf(options: InjectOptions): BypassReason | undefined {
  const method = (options.method ?? 'GET').toUpperCase();
  const url = String(options.url ?? '/');
  const headers = lowerCased(options.headers ?? {});
  if (options.remoteAddress !== undefined) return 'clientAddress';
  if (!headersSendable(headers)) return 'headerBytes';
  if (headerBytes(headers) > PRISM_HEADER_LIMIT) return 'headerSize';
  const declared = headers['content-length'];
  if (declared !== undefined && declared !== String(bodyLength(options.payload))) return 'declaredLength';
  if (/^bearer(?:\s|$)/i.test(headers.authorization ?? '') && !headers.authorization!.startsWith('Bearer')) {
    return 'schemeCase';
  }
  if (rewrittenByPrism(url)) return 'rewrittenUrl';
  if (method === 'HEAD' || headers['if-none-match'] !== undefined) return 'emptyAnswer';
  if (method === 'GET' && /^\/media\/[^?]/.test(url)) return 'binaryAnswer';
  if (options.payload === undefined || options.payload === null) return undefined;
  if (method === 'GET' || method === 'HEAD') return 'bodyOnGet';
  if (/^\s*multipart\//i.test(headers['content-type'] ?? '')) return 'multipart';
  return bodyBypassOf(options.payload, headers['content-type']);
}

function bodyLength(payload: InjectOptions['payload']): number | undefined {
  if (payload === undefined || payload === null) return 0;
  if (typeof payload === 'string' || Buffer.isBuffer(payload)) return Buffer.byteLength(payload);
  if ('pipe' in payload) return undefined;
  try {
    return Buffer.byteLength(JSON.stringify(payload));
  } catch {
    return undefined;
  }
}

function lowerCased(headers: NonNullable<InjectOptions['headers']>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

function headersSendable(headers: Record<string, string>): boolean {
  try {
    for (const [name, value] of Object.entries(headers)) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    }
    return true;
  } catch {
    return false;
  }
}

function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

/**
 * Prism forwards `posix.join` of the WHATWG-parsed path (dot segments resolved, `//` folded) and
 * the query decoded and encoded again, which changes its meaning only where an escape is malformed.
 */
function rewrittenByPrism(url: string): boolean {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  return posix.join('/', new URL(url, 'http://prism.invalid').pathname) !== path || /%(?![0-9a-f]{2})/i.test(query);
}

function bodyBypassOf(
  payload: NonNullable<InjectOptions['payload']>,
  contentType: string | undefined,
): BypassReason | undefined {
  if (typeof payload === 'object' && !Buffer.isBuffer(payload)) {
    if ('pipe' in payload) return undefined;
    // Sent as JSON, the way the proxy encodes an object.
    return jsonBypassOf(() => payload);
  }
  const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  if (!isUtf8(bytes)) return 'binaryBody';
  if (!JSON_MEDIA_TYPE.test(contentType ?? '')) return undefined;
  return jsonBypassOf(() => JSON.parse(bytes.toString('utf8')) as unknown);
}

function jsonBypassOf(parse: () => unknown): BypassReason | undefined {
  let value: unknown;
  try {
    value = parse();
  } catch {
    return 'malformedJson';
  }
  if (typeof value === 'string' || !value) return 'bareJson';
  try {
    JSON.stringify(value);
  } catch {
    return 'deepJson';
  }
  return undefined;
}
