import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApplication, type ApiDocsSettings, type Environment } from '@techtrek/platform';
import { ApiModule } from './api.module.js';

export const API_DOCS: ApiDocsSettings = {
  title: 'TechTrek API',
  description:
    'REST API of TechTrek, the micro-learning app that teaches technology to non-technical professionals. ' +
    'Errors are RFC 9457 `application/problem+json` documents with a stable `code`.',
  version: '0.1.0',
};

export function createApiApp(environment: Environment, extraModules: Type[] = []): Promise<NestFastifyApplication> {
  return createHttpApplication(ApiModule.forRoot(environment), environment, { docs: API_DOCS, extraModules });
}
