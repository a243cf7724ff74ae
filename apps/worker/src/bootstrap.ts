import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApplication, type Environment } from '@techtrek/platform';
import { WorkerModule } from './worker.module.js';

export function createWorkerApp(environment: Environment, extraModules: Type[] = []): Promise<NestFastifyApplication> {
  return createHttpApplication(WorkerModule.forRoot(environment), environment, { extraModules });
}
