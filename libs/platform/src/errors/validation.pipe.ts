import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from './request-errors.js';
import { flattenValidationErrors } from './validation-error-flattener.js';

/** Validates every DTO once, at the edge: unknown properties are refused, types transformed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
