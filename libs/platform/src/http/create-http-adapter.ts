import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Environment } from '../config/environment.js';
import { answerFrameworkError } from './framework-errors.js';
import { requestIdFor } from './request-id.js';

/** Fastify options that must be fixed before the app exists: body limit, proxies, request ids. */
export function createHttpAdapter(environment: Environment): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: environment.BODY_LIMIT_BYTES,
    // A hop count works too (fastify/lib/request.js); Fastify's type declaration leaves numbers out.
    trustProxy: environment.TRUST_PROXY as boolean | string | string[],
    genReqId: requestIdFor,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
  });
}
