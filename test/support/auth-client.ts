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
