import { Module, type DynamicModule } from '@nestjs/common';
import { platformConfigModule } from './config/config.module.js';
import { Clock, SystemClock } from './kernel/clock.js';
import type { Environment } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import type { ReadinessCheck } from './health/health.controller.js';
import { HealthModule } from './health/health.module.js';
import { ShutdownState } from './lifecycle/shutdown-state.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';
import { QueueMetricsCollector } from './metrics/queue-metrics.collector.js';
import { QueuesModule } from './queues/queues.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';

export interface PlatformOptions {
  /** Labels metrics and database connections: `api` or `worker`. */
  processName: string;
  /** The settings validated at start; see `loadEnvironmentOrExit`. */
  environment: Environment;
  /** Dependencies whose outage leaves the process ready (reported as `degraded`); default none. */
  optionalReadinessChecks?: readonly ReadinessCheck[];
}

/**
 * What every process shares: validated config, logs, PostgreSQL, Redis, BullMQ queues, health,
 * metrics and rate limits. Each app imports it once, at its root.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        platformConfigModule(options.environment),
        LoggingModule,
        DatabaseModule.forRoot({ applicationName: `techtrek-${options.processName}` }),
        RedisModule,
        QueuesModule,
        HealthModule.forRoot(options.optionalReadinessChecks),
        RateLimitModule,
      ],
      controllers: [MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(options.processName) },
        ShutdownState,
        QueueMetricsCollector,
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [MetricsRegistry, ShutdownState, QueuesModule, Clock],
    };
  }

  /** For one-shot commands (migrate, seed): config and PostgreSQL only. */
  static forCommand(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        platformConfigModule(options.environment),
        DatabaseModule.forRoot({ applicationName: `techtrek-${options.processName}` }),
      ],
    };
  }
}
