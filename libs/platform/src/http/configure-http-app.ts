import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { Logger } from 'nestjs-pino';
import type { Environment } from '../config/environment.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { ShutdownState } from '../lifecycle/shutdown-state.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { setUpApiDocs, type ApiDocsSettings } from './api-docs.js';

/**
 * Everything every HTTP process does the same way: logs, problem+json errors, validation,
 * security headers, CORS, request ids, request metrics and (for the API) the OpenAPI docs.
 */
export async function configureHttpApp(
  app: NestFastifyApplication,
  environment: Environment,
  docs?: ApiDocsSettings,
): Promise<void> {
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    origin: environment.CORS_ORIGINS.includes('*') ? true : environment.CORS_ORIGINS,
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After'],
    maxAge: 600,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  // Only JSON bodies are accepted; anything else is a 415 problem rather than a loosely parsed body.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', async (_request, reply) => {
    if (shutdown.isDraining) void reply.header('connection', 'close');
  });
  const metrics = app.get(MetricsRegistry);
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  if (docs && environment.SWAGGER_ENABLED) await setUpApiDocs(app, docs);
}
