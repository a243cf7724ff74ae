import { SetMetadata } from '@nestjs/common';
import { getSchemaPath } from '@nestjs/swagger';
import { titleForStatus } from '../errors/problem-document.js';
import { ProblemDocumentDto } from './problem-document.dto.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_RESPONSES = 'techtrek:problem-responses';

export type ProblemStatus = number | [status: number, why: string];

export interface ProblemResponseObject {
  description: string;
  content: Record<string, { schema: { $ref: string } }>;
}

/** The OpenAPI response of one error status: a `Problem` document, as the global filter renders it. */
export function problemResponse(status: number, description = titleForStatus(status)): ProblemResponseObject {
  return {
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocumentDto) } } },
  };
}

/**
 * Documents the error statuses a route (or every route of a controller) answers with beyond those
 * every route shares (400 for bad input, 401 without a token, 429), which the API docs add from
 * the guards' own metadata. Numbers get the status title; `[status, why]` pairs say why.
 * Rendered by the API docs (not as `@ApiResponse`, which would hide the route's default 2xx).
 *
 * @example `@ApiProblemResponses(404, [409, 'The lesson has learners; unpublish it instead'])`
 */
export const ApiProblemResponses = (...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator =>
  SetMetadata(PROBLEM_RESPONSES, statuses);
