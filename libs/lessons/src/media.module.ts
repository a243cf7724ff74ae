import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { MediaAssetRepository } from './application/media-asset.repository.js';
import { MediaAssetsQuery } from './application/media-assets.query.js';
import { MediaLibrary } from './application/media-library.js';
import { MediaStorage } from './application/media-storage.js';
import { MediaUploadLimits, UploadMediaUseCase } from './application/upload-media.use-case.js';
import { TypeOrmMediaAssetRepository } from './infrastructure/persistence/typeorm-media-asset.repository.js';
import { mediaStorageProvider } from './infrastructure/storage/media-storage.provider.js';

/**
 * Uploaded media of the lesson content model: the upload use case, the admin library and the
 * `MediaLibrary` lessons resolve their asset ids through. No routes (see `MediaHttpModule`).
 */
@Module({
  providers: [
    UploadMediaUseCase,
    MediaAssetsQuery,
    MediaLibrary,
    mediaStorageProvider,
    { provide: MediaAssetRepository, useClass: TypeOrmMediaAssetRepository },
    {
      provide: MediaUploadLimits,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        new MediaUploadLimits(config.get('MEDIA_MAX_BYTES', { infer: true })),
    },
  ],
  exports: [MediaLibrary, UploadMediaUseCase, MediaAssetsQuery, MediaStorage, MediaUploadLimits],
})
export class MediaModule {}
