import 'reflect-metadata';
import { initErrorReporting, installGracefulShutdown, loadEnvironmentOrExit } from '@techtrek/platform';
import { Logger } from 'nestjs-pino';
import { createWorkerApp } from './bootstrap.js';

const environment = loadEnvironmentOrExit();
initErrorReporting(environment.SENTRY_DSN, environment.NODE_ENV);
const app = await createWorkerApp(environment);
installGracefulShutdown(app, { drainDelayMs: 0, timeoutMs: environment.SHUTDOWN_TIMEOUT_MS }, app.get(Logger));
await app.listen({ port: environment.WORKER_PORT, host: environment.HOST });
app.get(Logger).log(`Worker running; health and metrics on port ${environment.WORKER_PORT}`, 'Bootstrap');
