import { ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/**
 * Lets browsers and CDNs keep catalogue answers briefly and serve them stale while revalidating.
 * Fixed for now; it becomes configurable with the caching layer (ADR 0003).
 */
export const CATALOGUE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** Catalogue handlers return the JSON body already serialized (the cached bytes). */
export const CATALOGUE_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Marks a catalogue answer cacheable, once it is known to be one: a 404 for a lesson published a
 * moment later must not be kept by a CDN, so handlers call this only after the read succeeded.
 * The body is a string, sent as is; the platform's conditional-GET hook tags it and answers 304s.
 * A plain function rather than an interceptor: Nest runs any interceptor through RxJS, which
 * cost about a tenth of a cached answer (ADR 0008).
 */
export function asCatalogueAnswer(reply: FastifyReply, body: string): string {
  void reply.header('cache-control', CATALOGUE_CACHE_CONTROL);
  void reply.header('content-type', CATALOGUE_CONTENT_TYPE);
  return body;
}

/** Documents the empty `304` a cacheable answer gives to a matching `If-None-Match`. */
export const ApiNotModifiedResponse = (): MethodDecorator & ClassDecorator =>
  ApiResponse({ status: 304, description: 'Not Modified: `If-None-Match` names the current `ETag`; no body' });
