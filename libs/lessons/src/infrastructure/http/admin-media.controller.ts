import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@techtrek/auth';
import { integerIdPipe, ApiProblemResponses } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { MediaAssetsQuery } from '../../application/media-assets.query.js';
import { UploadMediaUseCase } from '../../application/upload-media.use-case.js';
import { ACCEPTED_CONTENT_TYPES } from '../../domain/media-asset.js';
import { MediaFileMissingError } from '../../domain/media-asset.errors.js';
import { ListMediaQueryDto } from './dto/media-requests.dto.js';
import { MediaAssetDto, MediaPageDto } from './dto/media-responses.dto.js';
import { MediaUploadErrorsInterceptor } from './media-upload-errors.interceptor.js';
import { MultipartUpload } from './multipart-upload.policy.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/media')
@ApiProblemResponses(403)
export class AdminMediaController {
  constructor(
    private readonly uploadMedia: UploadMediaUseCase,
    private readonly mediaAssets: MediaAssetsQuery,
  ) {}

  /**
   * Uploads an image, audio or video file as the multipart field `file` (no other fields). Its
   * type is read from its bytes: anything else is 415, a file over `MEDIA_MAX_BYTES` 413. The
   * same bytes uploaded again return the existing asset with 200 instead of 201.
   */
  @Post()
  @MultipartUpload()
  @UseInterceptors(MediaUploadErrorsInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `One of ${ACCEPTED_CONTENT_TYPES.join(', ')}` },
      },
    },
  })
  @ApiCreatedResponse({ type: MediaAssetDto, description: 'Stored' })
  @ApiOkResponse({ type: MediaAssetDto, description: 'The same bytes were uploaded before' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MediaAssetDto> {
    if (!file?.buffer) throw new MediaFileMissingError();
    const { asset, created } = await this.uploadMedia.execute({
      actorId: principal.userId,
      bytes: file.buffer,
      fileName: file.originalname,
    });
    void reply
      .status(created ? 201 : 200)
      .header(created ? 'location' : 'content-location', `/admin/media/${asset.id}`);
    return asset;
  }

  /** Uploaded assets, newest first, optionally of one kind. Cursor pagination. */
  @Get()
  list(@Query() query: ListMediaQueryDto): Promise<MediaPageDto> {
    return this.mediaAssets.list(query);
  }

  /** One uploaded asset. */
  @Get(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 17 })
  get(@Param('id', integerIdPipe()) id: number): Promise<MediaAssetDto> {
    return this.mediaAssets.get(id);
  }
}
