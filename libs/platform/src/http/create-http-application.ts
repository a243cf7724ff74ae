import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Environment } from '../config/environment.js';
import type { ApiDocsSettings } from './api-docs.js';
import { configureHttpApp } from './configure-http-app.js';
import { createHttpAdapter } from './create-http-adapter.js';

/**
 * Builds a configured Fastify-based app without listening, so `main.ts` and the tests start exactly
 * the same thing. Tests may add probe modules beside the real root module.
 */
export async function createHttpApplication(
  rootModule: DynamicModule,
  environment: Environment,
  options: { docs?: ApiDocsSettings; extraModules?: Type[] } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    withModules(rootModule, options.extraModules ?? []),
    createHttpAdapter(environment),
    // Fastify's own JSON parser only: Nest's default parsers would also accept urlencoded forms.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  await configureHttpApp(app, environment, options.docs);
  return app;
}

function withModules(root: DynamicModule, extraModules: Type[]): Type {
  @Module({ imports: [root, ...extraModules] })
  class ApplicationRoot {}
  return ApplicationRoot;
}
