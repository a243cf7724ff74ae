import { HttpException } from '@nestjs/common';
import { asOutageError } from '../database/database-unavailable.js';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../kernel/domain-error.js';
import { titleForStatus, typeForCode, type ProblemDocument } from './problem-document.js';

export interface MappedProblem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[];
  extensions?: Readonly<Record<string, unknown>>;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Fastify's own request errors, reworded so clients get a stable code and a plain sentence. */
const FASTIFY_ERRORS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.BODY_TOO_LARGE', detail: 'The request body is larger than allowed' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    detail: 'This content type is not accepted; send application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST.MALFORMED_BODY', detail: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.MALFORMED_BODY', detail: 'The request body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'REQUEST.MALFORMED_BODY',
    detail: 'The Content-Length header does not match the body',
  },
  FST_ERR_BAD_URL: { code: 'REQUEST.MALFORMED_URL', detail: 'The request URL is malformed' },
};

/** The throttler's own message names the library; clients get a plain sentence instead. */
const RATE_LIMITED_DETAIL = 'Too many requests; try again later';

export const UNEXPECTED_PROBLEM: MappedProblem = {
  status: 500,
  code: 'INTERNAL.UNEXPECTED',
  detail: 'An unexpected error occurred; it has been logged',
};

/** Maps anything thrown while handling a request to what the client may see. */
export function mapToProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) {
    return {
      status: STATUS_BY_KIND[error.kind],
      code: error.code,
      detail: error.message,
      errors: error.fieldProblems.length > 0 ? [...error.fieldProblems] : undefined,
      extensions: error.extensions,
    };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const fastifyError = asClientError(error);
  if (fastifyError) return fastifyError;
  const outage = asOutageError(error);
  return outage ? mapToProblem(outage) : UNEXPECTED_PROBLEM;
}

function fromHttpException(error: HttpException): MappedProblem {
  const status = error.getStatus();
  if (status >= 500)
    return { ...UNEXPECTED_PROBLEM, status, code: status === 503 ? 'SERVICE.UNAVAILABLE' : UNEXPECTED_PROBLEM.code };
  const cause = error.cause as { code?: unknown } | undefined;
  const known = typeof cause?.code === 'string' ? FASTIFY_ERRORS[cause.code] : undefined;
  if (known) return { status, ...known };
  if (error.cause instanceof SyntaxError) {
    return { status, ...FASTIFY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY };
  }
  if (status === 429) {
    const detail = messageOf(error);
    return {
      status,
      code: 'REQUEST.RATE_LIMITED',
      detail: detail.startsWith('ThrottlerException') ? RATE_LIMITED_DETAIL : detail,
    };
  }
  return { status, code: `HTTP.${httpCodeName(status)}`, detail: messageOf(error) };
}

function asClientError(error: unknown): MappedProblem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  const known = typeof code === 'string' ? FASTIFY_ERRORS[code] : undefined;
  if (known) return { status: statusCode, ...known };
  if (error instanceof SyntaxError) return { status: 400, ...FASTIFY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY };
  return { status: statusCode, code: `HTTP.${httpCodeName(statusCode)}`, detail: 'The request could not be processed' };
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

function httpCodeName(status: number): string {
  return titleForStatus(status).toUpperCase().replace(/\W+/g, '_');
}

/**
 * The document for a mapped problem: what the error filter sends, and what a batch reports for
 * each refused item (without `instance` and `requestId`, which belong to the whole request).
 */
export function problemDocument(
  problem: MappedProblem,
  request: Pick<ProblemDocument, 'instance' | 'requestId'> = {},
): ProblemDocument {
  return {
    ...problem.extensions,
    type: typeForCode(problem.code),
    title: titleForStatus(problem.status),
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...request,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}
