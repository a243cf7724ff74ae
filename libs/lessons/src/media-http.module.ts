import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import type { Environment } from '@techtrek/platform';
import { AdminMediaController } from './infrastructure/http/admin-media.controller.js';
import { MediaFilesController } from './infrastructure/http/media-files.controller.js';
import { MediaUploadErrorsInterceptor } from './infrastructure/http/media-upload-errors.interceptor.js';
import { MultipartUploadPolicy } from './infrastructure/http/multipart-upload.policy.js';
import { MediaModule } from './media.module.js';

/**
 * `/admin/media` (uploads and the library) and `/media/<key>` (local files). The upload
 * interceptor registers `@fastify/multipart` while the app initialises, before it listens.
 */
@Module({
  imports: [
    MediaModule,
    MultipartModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        // One file and nothing else; busboy stops reading at fileSize and the request fails with 413.
        limits: { fileSize: config.get('MEDIA_MAX_BYTES', { infer: true }), files: 1, fields: 0, parts: 1 },
        // Browsers send UTF-8 file names; busboy's default (latin1) would garble them.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [AdminMediaController, MediaFilesController],
  providers: [MultipartUploadPolicy, MediaUploadErrorsInterceptor],
})
export class MediaHttpModule {}
