import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '../config/environment.js';

/** Headers and fields that must never reach a log line, whatever logs them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
];

/**
 * JSON logs through pino. The per-request binding and the one line per request are Fastify hooks
 * (request-logging.ts); this module only builds the logger: level, redaction, serializers. Bodies
 * are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          serializers: {
            req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
              id: request.id,
              method: request.method,
              path: request.url.split('?')[0],
              remoteAddress: request.remoteAddress,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        },
        // No pino-http middleware: request-logging.ts binds and logs requests from Fastify hooks.
        forRoutes: [],
      }),
    }),
  ],
})
export class LoggingModule {}
