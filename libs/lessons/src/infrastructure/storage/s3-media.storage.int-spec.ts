import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MediaStorageUnavailableError } from '../../application/media-storage.js';
import { S3MediaStorage, type S3MediaSettings } from './s3-media.storage.js';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY = `${'9f'.repeat(32)}.png`;

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Recomputes the AWS Signature Version 4 of a request as S3 does (canonical request, string to
 * sign, derived key), independently of the SDK, and tells whether the Authorization header holds it.
 */
function hasValidSignature(request: Received, secret: string): boolean {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(request.headers.authorization),
    );
  if (!match) return false;
  const [, , date, region, signedHeaders, signature] = match;
  const [path, query = ''] = request.url.split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => encode(decodeURIComponent(part))))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value = '']) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(request.headers[name]).trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    request.headers['x-amz-content-sha256'],
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.headers['x-amz-date'], scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex') === signature;
}

describe('S3MediaStorage against a local server speaking the S3 REST API', () => {
  let server: Server;
  let endpoint: string;
  const received: Received[] = [];
  let answers: { status: number; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method!,
          url: request.url!,
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
        const answer = answers.shift() ?? { status: 200, body: '' };
        response.writeHead(answer.status, {
          'content-type': 'application/xml',
          ...(answer.status === 200
            ? { etag: `"${createHash('md5').update(Buffer.concat(chunks)).digest('hex')}"` }
            : {}),
        });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    answers = [];
  });

  const storage = (overrides: Partial<S3MediaSettings> = {}) =>
    new S3MediaStorage({
      bucket: 'lesson-media',
      region: 'eu-north-1',
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET,
      endpoint,
      forcePathStyle: true,
      ...overrides,
    });

  it('PUTs the bytes to /<bucket>/<key>, SigV4-signed, with the content type and immutable caching', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const media = storage();

    await media.put(KEY, bytes, 'image/png');
    media.onModuleDestroy();

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('PUT');
    expect(request.url.split('?')[0]).toBe(`/lesson-media/${KEY}`);
    expect(request.body.equals(bytes)).toBe(true);
    expect(request.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(bytes.length),
      'cache-control': 'public, max-age=31536000, immutable',
      authorization: expect.stringMatching(
        new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/eu-north-1/s3/aws4_request, ?SignedHeaders=`),
      ),
    });
    expect(String(request.headers.authorization)).toMatch(/SignedHeaders=[^,]*content-type[^,]*x-amz-content-sha256/);
    // The payload hash is signed: a changed body would not verify.
    expect([sha256(bytes), 'UNSIGNED-PAYLOAD']).toContain(request.headers['x-amz-content-sha256']);
    expect(hasValidSignature(request, SECRET)).toBe(true);
    expect(hasValidSignature(request, `${SECRET}x`)).toBe(false);
    // Plain bodies without the SDK's default CRC32 trailers, which several S3-compatible services refuse.
    expect(request.headers['content-encoding']).toBeUndefined();
    expect(Object.keys(request.headers).filter((name) => name.startsWith('x-amz-checksum'))).toEqual([]);
  });

  it('retries a transient 503 SlowDown and then succeeds', async () => {
    answers = [
      { status: 503, body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>' },
    ];

    await storage().put(KEY, Buffer.from('bytes'), 'image/png');

    expect(received).toHaveLength(2);
    expect(received[1].body.toString()).toBe('bytes');
  });

  it('reports a refusal as storage unavailable and logs the provider error', async () => {
    answers = [{ status: 403, body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' }];
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    await expect(storage().put(KEY, Buffer.from('bytes'), 'image/png')).rejects.toThrow(MediaStorageUnavailableError);

    expect(logged).toHaveBeenCalledWith(expect.stringContaining('AccessDenied'));
    logged.mockRestore();
  });

  it('reports an unreachable endpoint as storage unavailable', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const attempt = storage({ endpoint: `http://127.0.0.1:${port}` }).put(KEY, Buffer.from('x'), 'image/png');

    await expect(attempt).rejects.toThrow(MediaStorageUnavailableError);
    logged.mockRestore();
  });

  describe('publicUrl', () => {
    it.each<[string, Partial<S3MediaSettings>, string]>([
      [
        'AWS without an endpoint',
        { endpoint: undefined, forcePathStyle: false },
        `https://lesson-media.s3.eu-north-1.amazonaws.com/${KEY}`,
      ],
      ['a path-style endpoint (MinIO)', { endpoint: 'http://minio:9000' }, `http://minio:9000/lesson-media/${KEY}`],
      [
        'a virtual-host endpoint',
        { endpoint: 'https://r2.example.com', forcePathStyle: false },
        `https://lesson-media.r2.example.com/${KEY}`,
      ],
      [
        'a configured public base URL (Supabase)',
        { publicBaseUrl: 'https://abc.supabase.co/storage/v1/object/public/lesson-media/' },
        `https://abc.supabase.co/storage/v1/object/public/lesson-media/${KEY}`,
      ],
    ])('derives the URL for %s', (_label, overrides, expected) => {
      expect(storage(overrides).publicUrl(KEY)).toBe(expected);
    });
  });
});
