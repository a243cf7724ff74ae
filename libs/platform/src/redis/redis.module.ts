import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { Environment } from '../config/environment.js';
import { ThrottledWarnings } from '../logging/throttled-warnings.js';
import { createRedisConnection } from './redis-connection.factory.js';

const STARTUP_WAIT_MS = 3_000;

/** Provides the shared application Redis client, injected by its class: `constructor(redis: Redis)`. */
@Global()
@Module({
  providers: [
    {
      provide: Redis,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        createRedisConnection({
          url: config.get('REDIS_URL', { infer: true }),
          keyPrefix: config.get('REDIS_KEY_PREFIX', { infer: true }),
          connectionName: 'techtrek-app',
        }),
    },
  ],
  exports: [Redis],
})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisModule.name);
  private readonly warnings = new ThrottledWarnings(this.logger);

  constructor(@Inject(Redis) private readonly redis: Redis) {
    // Without a listener ioredis prints every failed reconnect to the console.
    redis.on('error', (error: Error) => this.warnings.warn(error.message, `Redis: ${error.message}`));
  }

  /**
   * Commands fail fast while disconnected, so give the first connection a moment. A Redis that is
   * down at boot does not stop the process: readiness reports it and callers fall back.
   */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), STARTUP_WAIT_MS);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!(await ready)) this.logger.warn(`Redis is not reachable yet; continuing and retrying in the background`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
