import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { bearer, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { fileUpload, mp3, mp4, multipartBody, png } from './support/media-fixtures.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const MAX_BYTES = 2 * 1024 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  id: number;
  kind: string;
  contentType: string;
  byteSize: number;
  url: string;
  sha256: string;
  originalName: string | null;
  uploadedBy: number | null;
  createdAt: string;
}

describe('media uploads', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let admin: SignedIn;
  let learner: SignedIn;
  let mediaDir: string;

  beforeAll(async () => {
    mediaDir = await mkdtemp(join(tmpdir(), 'techtrek-media-'));
    harness = await TestHarness.start({ MEDIA_LOCAL_DIR: mediaDir, MEDIA_MAX_BYTES: String(MAX_BYTES) });
    api = await harness.startApi();
    db = await harness.database();
    admin = await signUpAdmin(api, db);
    learner = await signUp(api);
  });

  afterAll(async () => {
    await harness?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  const upload = (
    body: { payload: Buffer; headers: Record<string, string> },
    token: string | null = admin.accessToken,
  ) =>
    api.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { ...body.headers, ...(token ? bearer(token) : {}) },
      payload: body.payload,
    });
  const fetchMedia = (url: string, headers: Record<string, string> = {}) => api.inject({ method: 'GET', url, headers });
  const rowCount = async () => Number((await db.query(`SELECT count(*) AS n FROM media_assets`)).rows[0].n);

  describe('POST /admin/media', () => {
    it.each([
      ['a PNG', png(), 'diagram.png', 'image/png', 'image', 'image/png', 'png'],
      ['an MP3', mp3(), 'narration.mp3', 'audio/mpeg', 'audio', 'audio/mpeg', 'mp3'],
      ['an MP4', mp4(), 'demo.mp4', 'video/mp4', 'video', 'video/mp4', 'mp4'],
    ])('stores %s and serves it back byte for byte, cached as immutable', async (...args) => {
      const [, bytes, filename, declared, kind, contentType, extension] = args;
      const response = await upload(fileUpload(bytes, filename, declared));

      expect(response.statusCode).toBe(201);
      const asset = response.json<Asset>();
      expect(asset).toEqual({
        id: expect.any(Number),
        kind,
        contentType,
        byteSize: bytes.length,
        url: expect.stringMatching(new RegExp(`^/media/${asset.sha256}\\.${extension}$`)),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        originalName: filename,
        uploadedBy: admin.user.id,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(response.headers.location).toBe(`/admin/media/${asset.id}`);

      const served = await fetchMedia(asset.url);
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(bytes)).toBe(true);
      expect(served.headers).toMatchObject({
        'content-type': contentType,
        'cache-control': IMMUTABLE,
        'x-content-type-options': 'nosniff',
        'content-length': String(bytes.length),
        etag: `"${asset.sha256}"`,
      });
      expect((await readFile(join(mediaDir, asset.url.slice('/media/'.length)))).equals(bytes)).toBe(true);
    });

    it('records who uploaded what in the audit log, in the same transaction', async () => {
      const asset = (await upload(fileUpload(png(3, 3), 'audited.png', 'image/png'))).json<Asset>();

      const { rows } = await db.query(
        `SELECT actor_id, action, entity_type, entity_id, before, after FROM audit_log
         WHERE entity_type = 'media_asset' AND entity_id = $1`,
        [String(asset.id)],
      );
      expect(rows).toEqual([
        {
          actor_id: admin.user.id,
          action: 'media.uploaded',
          entity_type: 'media_asset',
          entity_id: String(asset.id),
          before: null,
          after: expect.objectContaining({ id: asset.id, kind: 'image', sha256: asset.sha256, url: asset.url }),
        },
      ]);
    });

    it('stores the same bytes once: a second upload returns the first asset with 200', async () => {
      const bytes = png(4, 4);
      const first = await upload(fileUpload(bytes, 'first.png', 'image/png'));
      const before = await rowCount();

      const again = await upload(fileUpload(bytes, 'renamed.png', 'application/octet-stream'));

      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json<Asset>()).toEqual(first.json<Asset>());
      expect(again.headers['content-location']).toBe(`/admin/media/${first.json<Asset>().id}`);
      expect(await rowCount()).toBe(before);
      const { rows } = await db.query(`SELECT storage_key FROM media_assets WHERE sha256 = $1`, [
        first.json<Asset>().sha256,
      ]);
      expect(rows).toEqual([{ storage_key: `${first.json<Asset>().sha256}.png` }]);
      const audits = await db.query(`SELECT 1 FROM audit_log WHERE entity_id = $1`, [String(first.json<Asset>().id)]);
      expect(audits.rowCount).toBe(1);
    });

    it('accepts a file larger than the JSON body limit, up to MEDIA_MAX_BYTES', async () => {
      const bytes = png(700, 600, { noise: true });
      expect(bytes.length).toBeGreaterThan(harness.environment.BODY_LIMIT_BYTES);

      const response = await upload(fileUpload(bytes, 'photo.png', 'image/png'));

      expect(response.statusCode).toBe(201);
      expect(response.json<Asset>().byteSize).toBe(bytes.length);
    });

    it('keeps a UTF-8 file name, without its path or control characters', async () => {
      const response = await upload(fileUpload(png(5, 5), '../../схема\u0007 1.png', 'image/png'));

      expect(response.json<Asset>().originalName).toBe('схема 1.png');
    });

    it('judges the type by the bytes: text named x.png and sent as image/png is a 415', async () => {
      const before = await rowCount();

      const response = await upload(fileUpload('just some text, not a picture', 'x.png', 'image/png'));

      const problem = expectProblem(response, 415, 'MEDIA.UNSUPPORTED_TYPE');
      expect(problem.acceptedTypes).toEqual(expect.arrayContaining(['image/png', 'audio/mpeg', 'video/mp4']));
      expect(await rowCount()).toBe(before);
    });

    it.each([
      ['an SVG image (it can carry script)', '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'],
      ['HTML', '<!doctype html><html><body>hi</body></html>'],
      ['an empty file', ''],
    ])('refuses %s with a 415', async (_label, content) => {
      expectProblem(await upload(fileUpload(content, 'x.png', 'image/png')), 415, 'MEDIA.UNSUPPORTED_TYPE');
    });

    it('refuses a file one byte over MEDIA_MAX_BYTES with a 413, storing nothing', async () => {
      const before = await rowCount();
      const files = await readdir(mediaDir);
      const bytes = Buffer.concat([png(), Buffer.alloc(MAX_BYTES + 1 - png().length)]);

      const problem = expectProblem(await upload(fileUpload(bytes, 'big.png', 'image/png')), 413, 'MEDIA.TOO_LARGE');

      expect(problem.maxBytes).toBe(MAX_BYTES);
      expect(await rowCount()).toBe(before);
      expect(await readdir(mediaDir)).toEqual(files);
    });

    it('refuses a body declared far over the limit before reading it', async () => {
      const response = await api.inject({
        method: 'POST',
        url: '/admin/media',
        headers: {
          ...bearer(admin.accessToken),
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(MAX_BYTES * 4),
        },
        payload: Buffer.alloc(16),
      });

      expectProblem(response, 413, 'MEDIA.TOO_LARGE');
    });

    it.each([
      ['no parts at all', 'MEDIA.FILE_MISSING', () => multipartBody([])],
      [
        'a text field instead of the file',
        'MEDIA.INVALID_UPLOAD',
        () => multipartBody([{ name: 'file', data: 'text' }]),
      ],
      [
        'an extra text field',
        'MEDIA.INVALID_UPLOAD',
        () =>
          multipartBody([
            { name: 'file', filename: 'a.png', data: png() },
            { name: 'alt', data: 'x' },
          ]),
      ],
      [
        'the file under another name',
        'MEDIA.INVALID_UPLOAD',
        () => multipartBody([{ name: 'image', filename: 'a.png', data: png() }]),
      ],
      [
        'two files',
        'MEDIA.INVALID_UPLOAD',
        () =>
          multipartBody([
            { name: 'file', filename: 'a.png', data: png() },
            { name: 'file', filename: 'b.png', data: png(3, 3) },
          ]),
      ],
      [
        'a file part without a file name',
        'MEDIA.INVALID_UPLOAD',
        () => multipartBody([{ name: 'file', contentType: 'image/png', data: png() }]),
      ],
    ])('answers %s with a 400 problem (%s)', async (_label, code, body) => {
      expectProblem(await upload(body()), 400, code);
    });

    it.each([
      ['a body cut off in the middle of the file', (b: Buffer) => b.subarray(0, b.length - 200)],
      ['a body without its closing boundary', (b: Buffer) => b.subarray(0, b.length - 12)],
      ['garbage instead of parts', () => Buffer.from('this is not multipart at all')],
      ['a part without headers', () => Buffer.from('--B\r\n\r\nhello\r\n--B--\r\n')],
      ['a header line without a colon', () => Buffer.from('--B\r\nnonsense\r\n\r\nhello\r\n--B--\r\n')],
      ['an enormous part header', () => Buffer.from(`--B\r\nX-Pad: ${'a'.repeat(100_000)}\r\n\r\nx\r\n--B--\r\n`)],
    ])('answers %s with a 400 problem, never a 500', async (_label, mangle) => {
      const { payload, headers } = multipartBody(
        [{ name: 'file', filename: 'a.png', contentType: 'image/png', data: png(20, 20) }],
        'B',
      );

      const response = await upload({ payload: mangle(payload), headers });

      expectProblem(response, 400);
    });

    it.each([
      ['no boundary', 'multipart/form-data', 'B'],
      ['an empty boundary', 'multipart/form-data; boundary=', ''],
      // The parser throws a plain error (a 500) on a boundary this long.
      ['a 300-character boundary', `multipart/form-data; boundary=${'b'.repeat(300)}`, 'b'.repeat(300)],
      ['a 71-character boundary', `multipart/form-data; boundary=${'b'.repeat(71)}`, 'b'.repeat(71)],
    ])('answers a content type with %s with a 400 problem', async (_label, contentType, boundary) => {
      const { payload } = multipartBody([{ name: 'file', filename: 'a.png', data: png() }], boundary);

      const response = await api.inject({
        method: 'POST',
        url: '/admin/media',
        headers: { ...bearer(admin.accessToken), 'content-type': contentType },
        payload,
      });

      expectProblem(response, 400, 'MEDIA.INVALID_UPLOAD');
    });

    it.each([
      ['a JSON body', 'application/json', JSON.stringify({ file: 'aGVsbG8=' }), 'MEDIA.MULTIPART_REQUIRED'],
      ['raw image bytes', 'image/png', png(), 'MEDIA.MULTIPART_REQUIRED'],
      ['a form', 'application/x-www-form-urlencoded', 'file=x', 'MEDIA.MULTIPART_REQUIRED'],
    ])('answers %s with a 415 problem', async (_label, contentType, payload, code) => {
      const response = await api.inject({
        method: 'POST',
        url: '/admin/media',
        headers: { ...bearer(admin.accessToken), 'content-type': contentType },
        payload,
      });

      expectProblem(response, 415, code);
    });

    it('answers a request without a body with a 415 problem', async () => {
      const response = await api.inject({ method: 'POST', url: '/admin/media', headers: bearer(admin.accessToken) });

      expectProblem(response, 415, 'MEDIA.MULTIPART_REQUIRED');
    });

    it('still refuses multipart bodies on JSON routes with the usual 415', async () => {
      const response = await api.inject({
        method: 'POST',
        url: '/feedback',
        headers: { ...bearer(learner.accessToken), ...fileUpload(png(), 'a.png', 'image/png').headers },
        payload: fileUpload(png(), 'a.png', 'image/png').payload,
      });

      expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('access', () => {
    const routes = (): [string, string, () => { payload?: Buffer; headers?: Record<string, string> }][] => [
      ['POST', '/admin/media', () => fileUpload(png(), 'a.png', 'image/png')],
      ['GET', '/admin/media', () => ({})],
      ['GET', '/admin/media/1', () => ({})],
    ];

    it('answers every admin media route with 401 without a token and 403 for a learner', async () => {
      for (const [method, url, body] of routes()) {
        const { payload, headers = {} } = body();
        const anonymous = await api.inject({ method: method as 'GET', url, headers, payload });
        expectProblem(anonymous, 401);
        const asLearner = await api.inject({
          method: method as 'GET',
          url,
          headers: { ...headers, ...bearer(learner.accessToken) },
          payload,
        });
        expectProblem(asLearner, 403);
      }
    });
  });

  describe('GET /admin/media', () => {
    it('lists assets newest first, by kind, a page at a time with a stable cursor', async () => {
      const uploaded: Asset[] = [];
      for (const size of [6, 7, 8]) {
        uploaded.push((await upload(fileUpload(png(size, size), `list-${size}.png`, 'image/png'))).json<Asset>());
      }
      const list = (query: string) =>
        api.inject({ method: 'GET', url: `/admin/media?${query}`, headers: bearer(admin.accessToken) });

      const first = (await list('limit=2')).json<{ items: Asset[]; nextCursor: string }>();
      expect(first.items.map((item) => item.id)).toEqual([uploaded[2].id, uploaded[1].id]);
      expect(first.items[0]).toEqual(uploaded[2]);
      await upload(fileUpload(mp3(3), 'late.mp3', 'audio/mpeg'));
      const second = (await list(`limit=2&cursor=${first.nextCursor}`)).json<{ items: Asset[] }>();
      expect(second.items[0].id).toBe(uploaded[0].id);

      const audio = (await list('kind=audio&limit=100')).json<{ items: Asset[]; nextCursor: string | null }>();
      expect(audio.items.length).toBeGreaterThan(0);
      expect(audio.items.every((item) => item.kind === 'audio')).toBe(true);
      expect(audio.nextCursor).toBeNull();
    });

    it.each([
      ['an unknown kind', 'kind=document', 'REQUEST.VALIDATION_FAILED'],
      ['a limit over 100', 'limit=101', 'REQUEST.VALIDATION_FAILED'],
      ['a cursor it never issued', 'cursor=bm9wZQ', 'MEDIA.INVALID_CURSOR'],
      ['an unknown parameter', 'owner=3', 'REQUEST.VALIDATION_FAILED'],
    ])('refuses %s with a 400 problem', async (_label, query, code) => {
      const response = await api.inject({
        method: 'GET',
        url: `/admin/media?${query}`,
        headers: bearer(admin.accessToken),
      });

      expectProblem(response, 400, code);
    });

    it('reads one asset by id; unknown ids are 404, non-integers 400', async () => {
      const asset = (await upload(fileUpload(png(9, 9), 'one.png', 'image/png'))).json<Asset>();
      const get = (id: string) =>
        api.inject({ method: 'GET', url: `/admin/media/${id}`, headers: bearer(admin.accessToken) });

      expect((await get(String(asset.id))).json()).toEqual(asset);
      expectProblem(await get('999999'), 404, 'MEDIA.NOT_FOUND');
      expectProblem(await get('99999999999'), 404, 'MEDIA.NOT_FOUND');
      expectProblem(await get('abc'), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('GET /media/<key>', () => {
    let asset: Asset;
    let bytes: Buffer;

    beforeAll(async () => {
      bytes = mp3(30);
      asset = (await upload(fileUpload(bytes, 'seek.mp3', 'audio/mpeg'))).json<Asset>();
    });

    it('serves a byte range with 206 so players can seek', async () => {
      const response = await fetchMedia(asset.url, { range: 'bytes=100-499' });

      expect(response.statusCode).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes 100-499/${bytes.length}`);
      expect(response.headers['content-length']).toBe('400');
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
      expect(response.rawPayload.equals(bytes.subarray(100, 500))).toBe(true);
    });

    it('answers a matching If-None-Match with an empty 304', async () => {
      const response = await fetchMedia(asset.url, { 'if-none-match': `"${asset.sha256}"` });

      expect(response.statusCode).toBe(304);
      expect(response.rawPayload).toHaveLength(0);
    });

    it('answers HEAD with the headers only', async () => {
      const response = await api.inject({ method: 'HEAD', url: asset.url });

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-length']).toBe(String(bytes.length));
      expect(response.headers['content-type']).toBe('audio/mpeg');
      expect(response.rawPayload).toHaveLength(0);
    });

    it('answers an unknown key with a 404 problem that is not cached', async () => {
      const response = await fetchMedia(`/media/${'0'.repeat(64)}.png`);

      expectProblem(response, 404, 'MEDIA.NOT_FOUND');
      expect(response.headers['cache-control']).toBeUndefined();
    });

    it.each([
      '/media/..%2F..%2Fpackage.json',
      '/media/%2e%2e%2f%2e%2e%2fpackage.json',
      '/media/..%5C..%5Cpackage.json',
      '/media/../package.json',
      '/media/%2Fetc%2Fpasswd',
      '/media/..',
      '/media/.',
    ])('never leaves the media directory: %s is a 404', async (url) => {
      const response = await fetchMedia(url);

      expectProblem(response, 404);
      expect(response.body).not.toContain('techtrek-backend');
      expect(response.body).not.toContain('root:');
    });

    it('refuses a NUL byte in the key as a bad request, before any file is looked up', async () => {
      const response = await fetchMedia('/media/%00');

      expectProblem(response, 400);
      expect(response.body).not.toContain('techtrek-backend');
    });

    it("does not serve the upload's temporary or other files in the directory", async () => {
      const key = asset.url.slice('/media/'.length);
      expect(existsSync(join(mediaDir, key))).toBe(true);

      expectProblem(await fetchMedia(`/media/${key}.tmp`), 404);
      expectProblem(await fetchMedia(`/media/${key.replace('.mp3', '.png')}`), 404);
    });
  });

  describe('MediaLibrary (what lesson authoring resolves asset ids with)', () => {
    it('returns the existing assets among the ids, in the order asked, each once', async () => {
      const { MediaLibrary } = await import('@techtrek/lessons');
      const image = (await upload(fileUpload(png(10, 10), 'a.png', 'image/png'))).json<Asset>();
      const video = (await upload(fileUpload(mp4(), 'b.mp4', 'video/mp4'))).json<Asset>();

      const views = await api.get(MediaLibrary).findByIds([video.id, 999_999, image.id, video.id, -1]);

      expect(views).toEqual([
        { id: video.id, kind: 'video', contentType: 'video/mp4', url: video.url },
        { id: image.id, kind: 'image', contentType: 'image/png', url: image.url },
      ]);
    });
  });

  describe('over a real connection, started the way main.ts starts it', () => {
    let server: NestFastifyApplication;
    let origin: string;

    beforeAll(async () => {
      const { createApiApp } = await import('../apps/api/src/bootstrap.js');
      server = await createApiApp(harness.environment);
      // No init() first: listen() must register the multipart plugin before the server starts.
      await server.listen({ port: 0, host: '127.0.0.1' });
      origin = await server.getUrl();
    });

    afterAll(async () => {
      await server?.close();
    });

    const post = (form: FormData) =>
      fetch(`${origin}/admin/media`, { method: 'POST', headers: bearer(admin.accessToken), body: form });

    it('uploads with a browser-style form and serves the file back', async () => {
      const bytes = png(11, 11);
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'image/png' }), 'browser.png');

      const response = await post(form);

      expect(response.status).toBe(201);
      const asset = (await response.json()) as Asset;
      const served = await fetch(`${origin}${asset.url}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('answers a file over the limit with a 413 problem, not a reset connection', async () => {
      const form = new FormData();
      form.append('file', new Blob([png(), Buffer.alloc(MAX_BYTES)], { type: 'image/png' }), 'huge.png');

      const response = await post(form);

      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { code: string }).code).toBe('MEDIA.TOO_LARGE');
    });
  });
});
