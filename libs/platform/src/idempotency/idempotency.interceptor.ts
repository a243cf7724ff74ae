import {
  Injectable,
  StreamableFile,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyKeyReusedError, IdempotentRequestInProgressError } from './idempotency.errors.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { callerOf, storageKeyFor } from './idempotency-scope.js';
import { RedisIdempotencyStore, type IdempotencyRecord, type StoredResponse } from './redis-idempotency.store.js';
import { requestFingerprint } from './request-fingerprint.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

type IdempotentRequest = FastifyRequest & { user?: unknown };

/**
 * `Idempotency-Key` for one route (apply it with `@Idempotent()`). The first request with a key
 * reserves it, runs and stores its response for 24 h; a retry with the same key and the same request
 * gets that response again without running the handler. A failed request (any error) releases its
 * key, so the client can retry, with the same key, after fixing what was wrong.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: RedisIdempotencyStore;

  constructor(redis: Redis) {
    this.store = new RedisIdempotencyStore(redis);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const key = idempotencyKeyOf(request.headers);
    if (key === undefined) return next.handle();
    // A promise, not an operator chain: storing or releasing the key must finish even if nobody is
    // subscribed any more (a client that hung up is exactly the one that will retry).
    return from(this.runOnce(key, request, http.getResponse<FastifyReply>(), next));
  }

  private async runOnce(key: string, request: IdempotentRequest, reply: FastifyReply, next: CallHandler) {
    const storageKey = storageKeyFor({
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      caller: callerOf(request),
      key,
    });
    const fingerprint = requestFingerprint(request);
    const reservation = await this.store.reserve(storageKey, fingerprint);
    if (reservation.kind === 'unavailable') return lastValueFrom(next.handle(), { defaultValue: undefined });
    if (reservation.kind === 'existing') return answerFromRecord(reservation.record, fingerprint, reply);

    let value: unknown;
    try {
      value = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(storageKey, reservation.token);
      throw error;
    }
    const response = storableResponse(value, reply);
    if (!response) {
      await this.store.release(storageKey, reservation.token);
      return value;
    }
    await this.store.complete(storageKey, reservation.token, fingerprint, response);
    // Sent as the stored text, so the first answer and every replay are the same bytes.
    if (response.contentType) void reply.header('content-type', response.contentType);
    return response.body;
  }
}

function answerFromRecord(record: IdempotencyRecord, fingerprint: string, reply: FastifyReply): string | undefined {
  if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  if (record.state === 'in-flight') {
    void reply.header('retry-after', '1');
    throw new IdempotentRequestInProgressError();
  }
  void reply.status(record.status).header('idempotent-replayed', 'true');
  if (record.contentType) void reply.header('content-type', record.contentType);
  return record.body;
}

/**
 * The handler's result as it will be sent, or undefined for what cannot be replayed: bytes, streams
 * and replies the handler sent itself are passed through and their key released.
 */
function storableResponse(value: unknown, reply: FastifyReply): StoredResponse | undefined {
  if (reply.sent || isBinaryOrStream(value)) return undefined;
  const status = reply.statusCode;
  const contentType = reply.getHeader('content-type');
  const declared = typeof contentType === 'string' ? contentType : undefined;
  if (value === undefined) return { status };
  if (typeof value === 'string') return { status, body: value, contentType: declared ?? TEXT_CONTENT_TYPE };
  return { status, body: JSON.stringify(value), contentType: declared ?? JSON_CONTENT_TYPE };
}

function isBinaryOrStream(value: unknown): boolean {
  if (value instanceof Uint8Array || value instanceof StreamableFile || value instanceof Response) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { pipe?: unknown; getReader?: unknown; [Symbol.asyncIterator]?: unknown };
  return [candidate.pipe, candidate.getReader, candidate[Symbol.asyncIterator]].some((f) => typeof f === 'function');
}
