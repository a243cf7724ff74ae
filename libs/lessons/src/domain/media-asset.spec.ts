import { describe, expect, it } from '@jest/globals';
import { MediaTooLargeError, MediaUnsupportedTypeError } from './media-asset.errors.js';
import {
  ACCEPTED_CONTENT_TYPES,
  contentTypeOfKey,
  isStorageKey,
  newMediaAsset,
  sanitiseOriginalName,
  type MediaUpload,
} from './media-asset.js';

const SHA = 'a'.repeat(64);

const upload = (overrides: Partial<MediaUpload> = {}): MediaUpload => ({
  sniffedType: 'image/png',
  byteSize: 1234,
  sha256: SHA,
  fileName: 'diagram.png',
  uploadedBy: 7,
  maxBytes: 10_000,
  ...overrides,
});

describe('newMediaAsset', () => {
  it.each([
    ['image/png', 'image', 'image/png', 'png'],
    ['image/apng', 'image', 'image/png', 'png'],
    ['image/jpeg', 'image', 'image/jpeg', 'jpg'],
    ['image/gif', 'image', 'image/gif', 'gif'],
    ['image/webp', 'image', 'image/webp', 'webp'],
    ['audio/mpeg', 'audio', 'audio/mpeg', 'mp3'],
    ['audio/x-m4a', 'audio', 'audio/mp4', 'm4a'],
    ['audio/mp4', 'audio', 'audio/mp4', 'm4a'],
    ['audio/ogg', 'audio', 'audio/ogg', 'ogg'],
    ['audio/ogg; codecs=opus', 'audio', 'audio/ogg', 'ogg'],
    ['audio/wav', 'audio', 'audio/wav', 'wav'],
    ['video/mp4', 'video', 'video/mp4', 'mp4'],
    ['video/webm', 'video', 'video/webm', 'webm'],
  ])('accepts sniffed %s as %s, stored as %s under <sha256>.%s', (sniffedType, kind, contentType, extension) => {
    const asset = newMediaAsset(upload({ sniffedType }));

    expect(asset).toEqual({
      kind,
      contentType,
      byteSize: 1234,
      sha256: SHA,
      storageKey: `${SHA}.${extension}`,
      originalName: 'diagram.png',
      uploadedBy: 7,
    });
    expect(isStorageKey(asset.storageKey)).toBe(true);
    expect(contentTypeOfKey(asset.storageKey)).toBe(contentType);
  });

  it.each([
    ['nothing recognised', undefined],
    ['SVG (a document that can run script)', 'image/svg+xml'],
    ['HTML', 'text/html'],
    ['a PDF', 'application/pdf'],
    ['a zip', 'application/zip'],
    ['QuickTime', 'video/quicktime'],
  ])('refuses %s with MEDIA.UNSUPPORTED_TYPE listing what is accepted', (_label, sniffedType) => {
    const attempt = () => newMediaAsset(upload({ sniffedType }));

    expect(attempt).toThrow(MediaUnsupportedTypeError);
    try {
      attempt();
    } catch (error) {
      expect((error as MediaUnsupportedTypeError).code).toBe('MEDIA.UNSUPPORTED_TYPE');
      expect((error as MediaUnsupportedTypeError).kind).toBe('unsupported_media_type');
      expect((error as MediaUnsupportedTypeError).extensions).toEqual({ acceptedTypes: ACCEPTED_CONTENT_TYPES });
    }
  });

  it('accepts exactly the limit and refuses one byte more with MEDIA.TOO_LARGE naming the limit', () => {
    expect(newMediaAsset(upload({ byteSize: 10_000 })).byteSize).toBe(10_000);

    const attempt = () => newMediaAsset(upload({ byteSize: 10_001 }));

    expect(attempt).toThrow(MediaTooLargeError);
    expect(attempt).toThrow('The file is larger than the limit of 10000 bytes');
  });

  it('checks the size before the type, so an oversized unknown file is a 413', () => {
    expect(() => newMediaAsset(upload({ byteSize: 10_001, sniffedType: undefined }))).toThrow(MediaTooLargeError);
  });

  it('refuses a digest that is not 64 lower-case hex digits (a programming error, not input)', () => {
    expect(() => newMediaAsset(upload({ sha256: 'A'.repeat(64) }))).toThrow('sha256');
    expect(() => newMediaAsset(upload({ sha256: `../${'a'.repeat(61)}` }))).toThrow('sha256');
  });
});

describe('isStorageKey', () => {
  it.each([
    ['a key we issue', `${SHA}.png`, true],
    ['an extension we never issue', `${SHA}.html`, false],
    ['upper-case hex', `${'A'.repeat(64)}.png`, false],
    ['a short digest', `${'a'.repeat(63)}.png`, false],
    ['a parent directory', `../${SHA}.png`, false],
    ['a nested path', `x/${SHA}.png`, false],
    ['a trailing newline', `${SHA}.png\n`, false],
    ['no extension', SHA, false],
    ['an absolute path', '/etc/passwd', false],
  ])('%s → %s', (_label, key, expected) => {
    expect(isStorageKey(key)).toBe(expected);
  });
});

describe('sanitiseOriginalName', () => {
  it.each([
    ['a plain name', 'diagram.png', 'diagram.png'],
    ['a Unix path', '/home/ada/../secret/diagram.png', 'diagram.png'],
    ['a Windows path', 'C:\\Users\\ada\\diagram.png', 'diagram.png'],
    ['control characters', 'dia\u0000gr\u001bam.png', 'diagram.png'],
    ['a right-to-left override', 'invoice\u202Egnp.exe', 'invoicegnp.exe'],
    ['runs of whitespace', '  my \t  diagram .png ', 'my diagram .png'],
    ['decomposed accents', 'Cafe\u0301.png', 'Café.png'],
    ['non-Latin letters', 'схема.png', 'схема.png'],
  ])('keeps %s readable', (_label, name, expected) => {
    expect(sanitiseOriginalName(name)).toBe(expected);
  });

  it.each([undefined, '', '   ', '/', '..', 'a/..', '\u0000'])('gives null for %j', (name) => {
    expect(sanitiseOriginalName(name)).toBeNull();
  });

  it('keeps at most 200 characters without splitting a character in two', () => {
    const name = sanitiseOriginalName(`${'😀'.repeat(250)}.png`);

    expect([...(name ?? '')]).toHaveLength(200);
    expect(name).toBe('😀'.repeat(200));
  });
});
