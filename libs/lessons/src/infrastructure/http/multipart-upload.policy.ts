import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MediaUploadLimits } from '../../application/upload-media.use-case.js';
import {
  InvalidMediaUploadError,
  MediaMultipartRequiredError,
  MediaTooLargeError,
} from '../../domain/media-asset.errors.js';

const UPLOAD_ROUTE = 'techtrekMultipartUpload';

/** Marks the one route that takes a multipart upload; every other route keeps taking JSON only. */
export const MultipartUpload = (): MethodDecorator => RouteConfig({ [UPLOAD_ROUTE]: true });

/** Room for the boundaries and part headers around the file when judging Content-Length. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** RFC 2046: 1–70 characters. busboy throws plain errors (a 500) on an empty or very long one. */
const BOUNDARY = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i;

/** What Fastify answers for a content type it has no parser for, so other routes are unchanged. */
const unsupportedMediaType = (): Error =>
  Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });

/**
 * `@fastify/multipart` (registered by the upload interceptor) adds a multipart parser to every
 * route. This hook keeps the contract the platform sets: multipart only where a route asks for it,
 * and there nothing else. It also refuses, before reading a byte, a body whose declared length
 * cannot fit under the upload limit, and a boundary the parser would choke on.
 */
@Injectable()
export class MultipartUploadPolicy implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly limits: MediaUploadLimits,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      const refusal = this.refusal(request);
      if (refusal) done(refusal);
      else done();
    });
  }

  private refusal(request: FastifyRequest): Error | undefined {
    const contentType = request.headers['content-type'] ?? '';
    const isMultipart = /^multipart\/form-data(\s*;|$)/i.test(contentType);
    const config = request.routeOptions.config as { [UPLOAD_ROUTE]?: unknown } | undefined;
    const isUploadRoute = config?.[UPLOAD_ROUTE] === true;
    if (!isUploadRoute) return isMultipart ? unsupportedMediaType() : undefined;
    if (!isMultipart) return new MediaMultipartRequiredError();
    if (!BOUNDARY.test(contentType)) return new InvalidMediaUploadError('the boundary is missing or malformed');
    const declared = Number(request.headers['content-length']);
    if (declared > this.limits.maxBytes + MULTIPART_OVERHEAD_BYTES) return new MediaTooLargeError(this.limits.maxBytes);
    return undefined;
  }
}
