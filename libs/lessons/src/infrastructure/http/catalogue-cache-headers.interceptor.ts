import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { tap, type Observable } from 'rxjs';

/**
 * Lets browsers and CDNs keep catalogue answers briefly and serve them stale while revalidating.
 * Fixed for now; it becomes configurable with the caching layer (ADR 0003).
 */
export const CATALOGUE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** Catalogue handlers return the JSON body already serialized (the cached bytes). */
export const CATALOGUE_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Only on success: a 404 for a lesson published a moment later must not be kept by a CDN. The
 * body is a string, sent as is; the platform's conditional-GET hook tags it and answers 304s.
 */
@Injectable()
export class CatalogueCacheHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap(() => {
        void reply.header('cache-control', CATALOGUE_CACHE_CONTROL);
        void reply.header('content-type', CATALOGUE_CONTENT_TYPE);
      }),
    );
  }
}
