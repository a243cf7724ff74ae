import { MediaTooLargeError, MediaUnsupportedTypeError } from './media-asset.errors.js';

export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

interface AcceptedType {
  kind: MediaKind;
  /** What we store and serve: the registered type, whatever name the sniffer used. */
  contentType: string;
  extension: string;
}

/**
 * Sniffed type → what we keep. Only formats both mobile platforms play natively; SVG is left out
 * on purpose (it is a document that can carry script), as are HEIC/AVIF and QuickTime for now.
 */
const ACCEPTED: Readonly<Record<string, AcceptedType>> = {
  'image/png': { kind: 'image', contentType: 'image/png', extension: 'png' },
  // An animated PNG is a valid PNG: decoders without APNG support show its first frame.
  'image/apng': { kind: 'image', contentType: 'image/png', extension: 'png' },
  'image/jpeg': { kind: 'image', contentType: 'image/jpeg', extension: 'jpg' },
  'image/gif': { kind: 'image', contentType: 'image/gif', extension: 'gif' },
  'image/webp': { kind: 'image', contentType: 'image/webp', extension: 'webp' },
  'audio/mpeg': { kind: 'audio', contentType: 'audio/mpeg', extension: 'mp3' },
  'audio/x-m4a': { kind: 'audio', contentType: 'audio/mp4', extension: 'm4a' },
  'audio/mp4': { kind: 'audio', contentType: 'audio/mp4', extension: 'm4a' },
  'audio/ogg': { kind: 'audio', contentType: 'audio/ogg', extension: 'ogg' },
  'audio/ogg; codecs=opus': { kind: 'audio', contentType: 'audio/ogg', extension: 'ogg' },
  'audio/wav': { kind: 'audio', contentType: 'audio/wav', extension: 'wav' },
  'video/mp4': { kind: 'video', contentType: 'video/mp4', extension: 'mp4' },
  'video/webm': { kind: 'video', contentType: 'video/webm', extension: 'webm' },
};

/** The content types an upload may turn out to be, for error messages and the API docs. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = [
  ...new Set(Object.values(ACCEPTED).map((type) => type.contentType)),
];

const CONTENT_TYPE_BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.values(ACCEPTED).map((type) => [type.extension, type.contentType]),
);

/**
 * `<sha256 hex>.<extension>`: the key names the bytes, so identical uploads share one object and
 * a stored object never changes (which is what lets it be cached as immutable). Anything else is
 * not a key we issued — the check that keeps paths like `../` away from storage.
 */
const STORAGE_KEY = /^([0-9a-f]{64})\.([a-z0-9]{2,4})$/;

export function isStorageKey(key: string): boolean {
  const match = STORAGE_KEY.exec(key);
  return match !== null && CONTENT_TYPE_BY_EXTENSION.has(match[2]);
}

/** The content type an object is served with, from its key alone (no database read); undefined for a key we never issue. */
export function contentTypeOfKey(key: string): string | undefined {
  const match = STORAGE_KEY.exec(key);
  return match ? CONTENT_TYPE_BY_EXTENSION.get(match[2]) : undefined;
}

/** A new upload, validated, before it has an id. */
export interface NewMediaAsset {
  kind: MediaKind;
  contentType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
  originalName: string | null;
  uploadedBy: number | null;
}

export interface MediaUpload {
  /** What content sniffing found (`undefined` when it recognised nothing); never the client's claim. */
  sniffedType: string | undefined;
  byteSize: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  /** The client's file name, untrusted. */
  fileName: string | undefined;
  uploadedBy: number | null;
  /** The configured limit (`MEDIA_MAX_BYTES`). */
  maxBytes: number;
}

const MAX_NAME_LENGTH = 200;

/**
 * The client's file name, kept for admins to recognise their uploads and nothing else: no path,
 * no control or bidirectional-override characters (which can disguise `gpj.exe` as `exe.jpg`).
 */
export function sanitiseOriginalName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
}

/** Accepts an upload by its size (413 over the limit) and sniffed type (415 for anything we do not serve). */
export function newMediaAsset(upload: MediaUpload): NewMediaAsset {
  if (upload.byteSize > upload.maxBytes) throw new MediaTooLargeError(upload.maxBytes);
  const accepted = upload.sniffedType === undefined ? undefined : ACCEPTED[upload.sniffedType];
  if (!accepted) throw new MediaUnsupportedTypeError(upload.sniffedType, ACCEPTED_CONTENT_TYPES);
  if (!/^[0-9a-f]{64}$/.test(upload.sha256)) throw new Error('sha256 must be 64 lower-case hex digits');
  return {
    kind: accepted.kind,
    contentType: accepted.contentType,
    byteSize: upload.byteSize,
    sha256: upload.sha256,
    storageKey: `${upload.sha256}.${accepted.extension}`,
    originalName: sanitiseOriginalName(upload.fileName),
    uploadedBy: upload.uploadedBy,
  };
}
