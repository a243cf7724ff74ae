import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { MediaStorage } from '../../application/media-storage.js';
import { LocalDiskMediaStorage } from './local-disk-media.storage.js';
import { S3MediaStorage } from './s3-media.storage.js';

/** The local disk unless MEDIA_STORAGE=s3 (whose bucket and keys the settings guarantee). */
export const mediaStorageProvider: Provider<MediaStorage> = {
  provide: MediaStorage,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>): MediaStorage => {
    if (config.get('MEDIA_STORAGE', { infer: true }) === 's3') {
      return new S3MediaStorage({
        bucket: config.get('MEDIA_S3_BUCKET', { infer: true }) as string,
        region: config.get('MEDIA_S3_REGION', { infer: true }),
        accessKeyId: config.get('MEDIA_S3_ACCESS_KEY_ID', { infer: true }) as string,
        secretAccessKey: config.get('MEDIA_S3_SECRET_ACCESS_KEY', { infer: true }) as string,
        endpoint: config.get('MEDIA_S3_ENDPOINT', { infer: true }),
        forcePathStyle: config.get('MEDIA_S3_FORCE_PATH_STYLE', { infer: true }),
        publicBaseUrl: config.get('MEDIA_S3_PUBLIC_BASE_URL', { infer: true }),
      });
    }
    return new LocalDiskMediaStorage({
      directory: config.get('MEDIA_LOCAL_DIR', { infer: true }),
      publicBaseUrl: config.get('MEDIA_PUBLIC_BASE_URL', { infer: true }),
    });
  },
};
