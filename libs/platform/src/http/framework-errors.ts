import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-document.js';
import { mapToProblem, problemDocument } from '../errors/problem-mapping.js';

/**
 * Fastify's `frameworkErrors`: errors raised while routing, before any hook or Nest's error
 * handler runs (a path with a bad percent-escape such as `/lessons/%` is FST_ERR_BAD_URL). Without
 * it Fastify answers them with its own `application/json` body instead of a problem document.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const problem = mapToProblem(error);
  const document = problemDocument(problem, { instance: request.url.split('?')[0], requestId: request.id });
  void reply
    .status(problem.status)
    .header('x-request-id', request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(document));
}
