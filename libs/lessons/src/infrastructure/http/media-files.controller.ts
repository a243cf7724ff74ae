import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { IMMUTABLE_CACHE_CONTROL, MediaStorage } from '../../application/media-storage.js';
import { ACCEPTED_CONTENT_TYPES, contentTypeOfKey } from '../../domain/media-asset.js';
import { MediaNotFoundError } from '../../domain/media-asset.errors.js';
import { LocalDiskMediaStorage } from '../storage/local-disk-media.storage.js';
import { parseByteRange } from './byte-range.js';
import { ApiNotModifiedResponse } from './catalogue-cache-headers.js';

/**
 * Serves locally stored media at `/media/<key>`. A key names its bytes, so responses are cached as
 * immutable and the digest is a strong ETag without reading the file. With S3 storage clients
 * fetch from the bucket, and every key here is a 404.
 */
@ApiTags('media')
@Public()
@Controller('media')
export class MediaFilesController {
  private readonly localStorage: LocalDiskMediaStorage | null;

  constructor(storage: MediaStorage) {
    this.localStorage = storage instanceof LocalDiskMediaStorage ? storage : null;
  }

  /** An uploaded file (locally stored media only); single byte ranges are honoured for seeking. */
  @Get(':key')
  @ApiParam({ name: 'key', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png' })
  @ApiProduces(...ACCEPTED_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file, cached as immutable' })
  @ApiResponse({ status: 206, description: 'The single byte range `Range` asked for (`Content-Range`)' })
  @ApiNotModifiedResponse()
  @ApiNotFoundResponse({ description: 'No such file (or media is stored in S3)' })
  async serve(
    @Param('key') key: string,
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const contentType = contentTypeOfKey(key);
    const file = contentType ? await this.localStorage?.find(key) : null;
    if (!contentType || !file) throw new MediaNotFoundError();

    const etag = `"${key.slice(0, key.indexOf('.'))}"`;
    void reply.headers({
      'cache-control': IMMUTABLE_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      etag,
      'accept-ranges': 'bytes',
    });
    if (matchesEtag(headers['if-none-match'], etag)) return reply.status(304).send();

    const ifRange = headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseByteRange(headers.range, file.size) : undefined;
    void reply.header('content-type', contentType);
    if (!range) return reply.status(200).header('content-length', file.size).send(file.open());
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', range.end - range.start + 1)
      .send(file.open(range));
  }
}

/** Weak comparison (RFC 9110 §13.1.2), as for every other cacheable response. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
