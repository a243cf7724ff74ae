import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { Environment } from '../config/environment.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { ShutdownState } from '../lifecycle/shutdown-state.js';
import { installRequestLogging } from '../logging/request-logging.js';
import { MetricsRegistry } from '../metrics/metrics.registry.js';
import { setUpApiDocs, type ApiDocsSettings } from './api-docs.js';
import { installConditionalGet } from './conditional-get.js';
import { installUnsafeInputCheck } from './unsafe-input.hook.js';

/**
 * Everything every HTTP process does the same way: logs, problem+json errors, validation,
 * security headers, CORS, request ids, request metrics and (for the API) the OpenAPI docs.
 * Per-request work is in synchronous Fastify hooks: it runs on every request.
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
    // What a browser client must be able to read: optimistic concurrency, retries and new resources.
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'Idempotent-Replayed', 'Location', 'Content-Location'],
    maxAge: 600,
  });
  // helmet 8's headers and defaults, computed once at start (@fastify/helmet rebuilt helmet on
  // every request: 13% of a trivial request's CPU).
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI (/docs) runs an inline bootstrap script and inline styles.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  // Only JSON bodies are accepted; anything else is a 415 problem rather than a loosely parsed body.
  fastify.removeContentTypeParser('text/plain');
  await installRequestLogging(app, fastify);
  installConditionalGet(fastify);
  installUnsafeInputCheck(fastify);
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (shutdown.isDraining) void reply.header('connection', 'close');
    done(null, payload);
  });
  const metrics = app.get(MetricsRegistry);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  if (docs && environment.SWAGGER_ENABLED) await setUpApiDocs(app, docs);
}
