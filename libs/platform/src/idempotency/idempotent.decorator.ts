import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Lets clients retry a write safely with an `Idempotency-Key` header (see the interceptor). Apply it
 * to writes a mobile client may retry; the route needs no other change.
 */
export const Idempotent = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'A unique key per intended write (e.g. a UUID), 1–255 printable ASCII characters. A retry with the ' +
        'same key and body within 24 h gets the first response again (`Idempotent-Replayed: true`) and ' +
        'changes nothing; the same key with another body is 422, and while the first is running, 409 with ' +
        '`Retry-After`. Failed requests are not remembered: retry them with the same key.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
  );
