import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError } from './request-errors.js';
import { flattenValidationErrors } from './validation-error-flattener.js';

const PRIMITIVES: unknown[] = [String, Number, Boolean, Array, Object];

/**
 * Validates every DTO once, at the edge: unknown properties are refused, types transformed, and a
 * body that should be a DTO but is not a JSON object (null, an array, a string) is refused too:
 * class-validator skips null and undefined on its own. Plain parameters (`@Param('id') id: number`)
 * reach their own pipes as sent: ValidationPipe would coerce them with `+value`, turning `1e3`,
 * `0x10` or ` 5` into numbers that ParseIntPipe then accepts.
 */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isPrimitive = !metadata.metatype || PRIMITIVES.includes(metadata.metatype);
    if (metadata.type !== 'body' && isPrimitive) return Promise.resolve(value);
    if (
      metadata.type === 'body' &&
      !isPrimitive &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new RequestValidationError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
