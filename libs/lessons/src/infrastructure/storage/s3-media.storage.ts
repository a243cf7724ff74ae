import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import {
  IMMUTABLE_CACHE_CONTROL,
  MediaStorage,
  MediaStorageUnavailableError,
} from '../../application/media-storage.js';

export interface S3MediaSettings {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Non-AWS providers (MinIO, Supabase Storage, R2); undefined means AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Where clients fetch objects; undefined derives it from the endpoint and bucket. */
  publicBaseUrl?: string;
}

/** Any S3-compatible bucket, through the official SDK (SigV4-signed PutObject). */
export class S3MediaStorage extends MediaStorage {
  private readonly logger = new Logger(S3MediaStorage.name);
  private readonly client: S3Client;
  private readonly urlPrefix: string;

  constructor(private readonly settings: S3MediaSettings) {
    super();
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // The SDK's default CRC32 checksums are refused by several S3-compatible services; the
      // SigV4 payload hash already covers the body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.urlPrefix = `${(settings.publicBaseUrl ?? derivedBaseUrl(settings)).replace(/\/+$/, '')}/`;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
      );
    } catch (error) {
      const { name, message } = error as Error;
      this.logger.error(`PutObject ${this.settings.bucket}/${key} failed: ${name}: ${message}`);
      throw new MediaStorageUnavailableError();
    }
  }

  publicUrl(key: string): string {
    return `${this.urlPrefix}${key}`;
  }

  /** Releases the SDK's sockets when the app closes. */
  onModuleDestroy(): void {
    this.client.destroy();
  }
}

/** The bucket's own URL, as the SDK addresses it: path style, virtual host, or AWS's host names. */
function derivedBaseUrl(settings: S3MediaSettings): string {
  const bucket = encodeURIComponent(settings.bucket);
  if (!settings.endpoint) return `https://${bucket}.s3.${settings.region}.amazonaws.com`;
  const endpoint = new URL(settings.endpoint);
  const path = endpoint.pathname.replace(/\/+$/, '');
  if (settings.forcePathStyle) return `${endpoint.origin}${path}/${bucket}`;
  return `${endpoint.protocol}//${bucket}.${endpoint.host}${path}`;
}
