import { expect } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';

export interface SignedIn {
  user: { id: number; email: string; username: string; role: string };
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

let counter = 0;

/** A fresh, valid sign-up body; each call gets a new email. */
export function newLearner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    email: `learner${counter}.${Date.now()}@example.com`,
    username: `learner${counter}`,
    password: 'violet-kayak-orbit-91',
    ...overrides,
  };
}

export async function signUp(api: NestFastifyApplication, body = newLearner()): Promise<SignedIn> {
  const response = await api.inject({ method: 'POST', url: '/auth/signup', payload: body });
  expect(response.statusCode).toBe(201);
  return response.json<SignedIn>();
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function getMe(api: NestFastifyApplication, token: string): Promise<LightMyRequestResponse> {
  return api.inject({ method: 'GET', url: '/me', headers: bearer(token) });
}

/**
 * A new account promoted to admin in the database, then signed in again: a role change ends the
 * sessions that carried the old role, so the first tokens would be refused.
 */
export async function signUpAdmin(
  api: NestFastifyApplication,
  db: { query(sql: string, values?: unknown[]): Promise<unknown> },
): Promise<SignedIn> {
  const body = newLearner();
  const account = await signUp(api, body);
  await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [account.user.id]);
  const login = await api.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email: body.email, password: body.password },
  });
  expect(login.statusCode).toBe(200);
  return login.json<SignedIn>();
}

/** Requests with a bearer token; `payload` is sent as JSON when given. */
export function asUser(api: NestFastifyApplication, token: string) {
  return (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    api.inject({
      method: method as 'GET',
      url,
      headers: { ...bearer(token), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}
