import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, signUp } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

/** Bodies that are not what a route expects: wrong JSON types, arrays, nulls, huge or unknown fields. */
const HOSTILE_BODIES: string[] = [
  '[]',
  '"text"',
  '42',
  'null',
  JSON.stringify({ email: ['a@b.co'] }),
  JSON.stringify({ email: { $ne: '' }, password: { $gt: '' } }),
  JSON.stringify({ password: 'x'.repeat(5_000) }),
  JSON.stringify({ refreshToken: 12 }),
  JSON.stringify({ code: 123456 }),
  JSON.stringify({ newPassword: null }),
  '{"__proto__": {"role": "admin"}}',
  '{"constructor": {"prototype": {"role": "admin"}}}',
];

const ROUTES: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; signedIn: boolean }[] = [
  { method: 'POST', url: '/auth/signup', signedIn: false },
  { method: 'POST', url: '/auth/login', signedIn: false },
  { method: 'POST', url: '/auth/refresh', signedIn: false },
  { method: 'POST', url: '/auth/password/forgot', signedIn: false },
  { method: 'POST', url: '/auth/password/reset', signedIn: false },
  { method: 'POST', url: '/auth/password', signedIn: true },
  { method: 'PATCH', url: '/me', signedIn: true },
  { method: 'DELETE', url: '/me', signedIn: true },
];

describe('every auth route answers malformed bodies with a 400 problem', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let token: string;

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
    token = (await signUp(api)).accessToken;
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.url}`, async () => {
      for (const body of HOSTILE_BODIES) {
        const response = await api.inject({
          method: route.method,
          url: route.url,
          headers: { 'content-type': 'application/json', ...(route.signedIn ? bearer(token) : {}) },
          payload: body,
        });
        expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
        expectProblem(response, 400);
      }
      // The account survived all of it.
      expect((await api.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    });
  }
});
