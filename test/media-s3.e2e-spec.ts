import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { fileUpload, png } from './support/media-fixtures.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

/** The API with MEDIA_STORAGE=s3, against a local server that takes PutObject as S3 does. */
describe('media uploads with MEDIA_STORAGE=s3', () => {
  let bucketServer: Server;
  let endpoint: string;
  const objects = new Map<string, { body: Buffer; headers: IncomingHttpHeaders }>();
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let admin: SignedIn;

  beforeAll(async () => {
    bucketServer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const authorized = String(request.headers.authorization).startsWith('AWS4-HMAC-SHA256 Credential=AKIATEST/');
        if (request.method !== 'PUT' || !authorized) {
          response
            .writeHead(403, { 'content-type': 'application/xml' })
            .end('<Error><Code>AccessDenied</Code></Error>');
          return;
        }
        objects.set(request.url!.split('?')[0], { body: Buffer.concat(chunks), headers: request.headers });
        response.writeHead(200, { etag: '"0"' }).end();
      });
    });
    await new Promise<void>((resolve) => bucketServer.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(bucketServer.address() as AddressInfo).port}`;
    harness = await TestHarness.start({
      MEDIA_STORAGE: 's3',
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_BUCKET: 'lesson-media',
      MEDIA_S3_ACCESS_KEY_ID: 'AKIATEST',
      MEDIA_S3_SECRET_ACCESS_KEY: 'test-secret',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
    });
    api = await harness.startApi();
    admin = await signUpAdmin(api, await harness.database());
  });

  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => bucketServer?.close(resolve));
  });

  it('puts the upload in the bucket and answers with the bucket URL', async () => {
    const bytes = png(12, 12);
    const { payload, headers } = fileUpload(bytes, 'bucket.png', 'image/png');

    const response = await api.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { ...headers, ...bearer(admin.accessToken) },
      payload,
    });

    expect(response.statusCode).toBe(201);
    const { url, sha256 } = response.json<{ url: string; sha256: string }>();
    expect(url).toBe(`${endpoint}/lesson-media/${sha256}.png`);
    const stored = objects.get(`/lesson-media/${sha256}.png`);
    expect(stored?.body.equals(bytes)).toBe(true);
    expect(stored?.headers['content-type']).toBe('image/png');
    expect(stored?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not serve bucket objects itself: /media/<key> is a 404', async () => {
    const [key] = [...objects.keys()];

    expectProblem(await api.inject({ method: 'GET', url: `/media/${key.split('/').pop()}` }), 404, 'MEDIA.NOT_FOUND');
  });
});
