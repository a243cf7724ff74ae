import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttpApp, createHttpAdapter, type Environment } from '@techtrek/platform';
import { WorkerModule } from './worker.module.js';

/** Builds the worker without listening, so tests and `main.ts` start exactly the same thing. */
export async function createWorkerApp(environment: Environment): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule, createHttpAdapter(environment), {
    bufferLogs: true,
    abortOnError: false,
  });
  await configureHttpApp(app, environment);
  return app;
}
