import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttpApp, createHttpAdapter, type Environment } from '@techtrek/platform';
import { ApiModule } from './api.module.js';

export const API_DOCS = {
  title: 'TechTrek API',
  description:
    'REST API of TechTrek, the micro-learning app that teaches technology to non-technical professionals. ' +
    'Errors are RFC 9457 `application/problem+json` documents with a stable `code`.',
  version: '0.1.0',
};

/** Builds the API app without listening, so tests and `main.ts` start exactly the same thing. */
export async function createApiApp(environment: Environment): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createHttpAdapter(environment), {
    bufferLogs: true,
    abortOnError: false,
  });
  await configureHttpApp(app, environment, API_DOCS);
  return app;
}
