import { ParseIntPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/request-errors.js';

/** Parses an integer path parameter; anything else is a 400 problem naming the parameter. */
export function integerIdPipe(field = 'id'): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () => new RequestValidationError([{ field, message: 'must be an integer' }]),
  });
}
