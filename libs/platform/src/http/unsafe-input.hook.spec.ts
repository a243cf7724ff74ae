import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { RequestValidationError } from '../errors/request-errors.js';
import { answerFrameworkError } from './framework-errors.js';
import { installUnsafeInputCheck } from './unsafe-input.hook.js';

/** A bare Fastify with the hook, answering `{status, fields}` for whatever error reaches its handler. */
async function server() {
  const fastify = Fastify({ frameworkErrors: answerFrameworkError });
  installUnsafeInputCheck(fastify);
  fastify.setErrorHandler((error, _request, reply) => {
    const fields = error instanceof RequestValidationError ? error.fieldProblems.map((problem) => problem.field) : [];
    void reply.status(error instanceof RequestValidationError ? 400 : 500).send({ fields });
  });
  fastify.all('/items/:token', () => ({ ok: true }));
  await fastify.ready();
  return fastify;
}

describe('unsafe input check', () => {
  it('lets ordinary requests through, exotic text included', async () => {
    const fastify = await server();
    const response = await fastify.inject({
      method: 'POST',
      url: `/items/${encodeURIComponent('🧑‍💻')}?q=${encodeURIComponent("' OR 1=1 --")}`,
      payload: { comment: '\u202Eright-to-left', nested: [{ a: [1, 2] }] },
    });
    expect(response.json()).toEqual({ ok: true });
  });

  it.each([
    ['a path parameter', { url: '/items/a%00b' }, ['token']],
    ['a query value', { url: '/items/x?q=a%00' }, ['q']],
    ['a body string', { url: '/items/x', payload: '{"comment":"lone \\ud800"}' }, ['comment']],
    ['a whole-body string', { url: '/items/x', payload: '"\\u0000"' }, ['body']],
    [
      'a body nested too deep',
      { url: '/items/x', payload: `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
      [expect.stringMatching(/^a\[0\]/)],
    ],
  ])('refuses %s before the handler runs, naming the field', async (_label, request, fields) => {
    const fastify = await server();
    const withBody = 'payload' in request;
    const response = await fastify.inject({
      method: withBody ? 'POST' : 'GET',
      headers: withBody ? { 'content-type': 'application/json' } : {},
      ...request,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ fields });
  });

  it('answers a malformed URL escape with a problem document', async () => {
    const fastify = await server();
    const response = await fastify.inject({ method: 'GET', url: '/items/%' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_URL', instance: '/items/%' });
  });
});
