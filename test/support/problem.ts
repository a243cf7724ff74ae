import { expect } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';

/** Asserts an RFC 9457 problem document with our members, and returns it. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json<Record<string, unknown>>();
  expect(problem).toMatchObject({
    type: expect.stringMatching(/^urn:techtrek:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code: code ?? expect.any(String),
  });
  return problem;
}
