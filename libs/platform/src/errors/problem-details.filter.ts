import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportUnexpectedError } from './error-reporter.js';
import { PROBLEM_CONTENT_TYPE } from './problem-document.js';
import { mapToProblem, problemDocument } from './problem-mapping.js';

/**
 * The one place errors become HTTP responses: every failure is an RFC 9457 problem document with
 * a stable `code` and the request id. Unexpected errors are logged and reported, never shown.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = mapToProblem(error);
    if (problem.status >= 500 && problem.code === 'INTERNAL.UNEXPECTED') {
      this.logger.error({ err: error, requestId: request.id }, 'Unhandled error');
      reportUnexpectedError(error, { requestId: request.id, route: request.routeOptions?.url });
    }
    const document = problemDocument(problem, { instance: request.url?.split('?')[0], requestId: request.id });
    if (reply.sent) return;
    // A problem that says when to come back (`retryAfter`, seconds) says it in the header too.
    const retryAfter = problem.extensions?.retryAfter;
    if (typeof retryAfter === 'number') void reply.header('retry-after', Math.max(1, Math.ceil(retryAfter)));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(document));
  }
}
