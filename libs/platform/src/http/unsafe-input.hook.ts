import type { FastifyInstance } from 'fastify';
import { RequestValidationError } from '../errors/request-errors.js';
import { findUnsafeInput } from '../errors/unsafe-input.js';

/**
 * Refuses, with a 400 problem, a request whose path parameters, query or JSON body hold text no
 * column can hold or nesting no recursive walk survives (see unsafe-input.ts). A Fastify hook
 * rather than a pipe: it runs before guards, interceptors (the idempotency fingerprint walks the
 * body too) and every kind of parameter, DTO or not.
 */
export function installUnsafeInputCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problems = [
      ...findUnsafeInput(request.params, ''),
      ...findUnsafeInput(request.query, ''),
      ...findUnsafeInput(request.body, '').map((problem) => ({ ...problem, field: problem.field || 'body' })),
    ];
    done(problems.length > 0 ? new RequestValidationError(problems) : undefined);
  });
}
