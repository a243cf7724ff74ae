import 'reflect-metadata';
import { initErrorReporting, installGracefulShutdown, loadEnvironmentOrExit } from '@techtrek/platform';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './bootstrap.js';

const environment = loadEnvironmentOrExit();
initErrorReporting(environment.SENTRY_DSN, environment.NODE_ENV);
const app = await createApiApp(environment);
installGracefulShutdown(
  app,
  { drainDelayMs: environment.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: environment.SHUTDOWN_TIMEOUT_MS },
  app.get(Logger),
);
await app.listen({ port: environment.PORT, host: environment.HOST });
app.get(Logger).log(`API listening on http://${environment.HOST}:${environment.PORT}`, 'Bootstrap');
