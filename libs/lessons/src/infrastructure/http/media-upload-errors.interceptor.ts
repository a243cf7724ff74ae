import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { MediaUploadLimits } from '../../application/upload-media.use-case.js';
import { InvalidMediaUploadError, MediaTooLargeError } from '../../domain/media-asset.errors.js';

/**
 * Gives the multipart parser's refusals (Nest's multer-style HTTP exceptions) our stable codes:
 * a file over the limit is MEDIA.TOO_LARGE, anything else it cannot read MEDIA.INVALID_UPLOAD.
 * Bound outside the upload interceptor; the route handler itself throws domain errors only.
 */
@Injectable()
export class MediaUploadErrorsInterceptor implements NestInterceptor {
  constructor(private readonly limits: MediaUploadLimits) {}

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }

  private translate(error: unknown): unknown {
    if (error instanceof PayloadTooLargeException) return new MediaTooLargeError(this.limits.maxBytes);
    if (error instanceof BadRequestException) return new InvalidMediaUploadError(error.message);
    return error;
  }
}
