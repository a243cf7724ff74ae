import { Public } from '../http/public-route.decorator.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators.js';
import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../errors/request-errors.js';
import { ShutdownState } from '../lifecycle/shutdown-state.js';

const CHECK_TIMEOUT_MS = 1_500;

export type ReadinessCheck = 'database' | 'redis';
export const OPTIONAL_READINESS_CHECKS = Symbol('OPTIONAL_READINESS_CHECKS');

/** Terminus's result; `degraded` when only optional dependencies are down (still ready: 200). */
export type ReadinessResult = Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' };

@ApiTags('operations')
@Public()
// Load balancers poll it: never rate-limited.
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: Redis,
    private readonly shutdown: ShutdownState,
    @Inject(OPTIONAL_READINESS_CHECKS) private readonly optionalChecks: readonly ReadinessCheck[],
  ) {}

  /** Liveness: the process answers. Dependencies are not checked, so a restart never fixes an outage loop. */
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: PostgreSQL and Redis answer. 503 names what is down. On the API, Redis is optional
   * (it serves through a Redis outage, slower): with only Redis down it answers 200 `degraded`, so a
   * balancer does not take every instance out at once.
   */
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: '`ok`, or `degraded` when only a dependency the process can serve without is down (in `error`)',
    schema: { example: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (named in `detail` and `checks`), or the process is shutting down',
  })
  async ready(): Promise<ReadinessResult> {
    if (this.shutdown.isDraining) {
      throw new ServiceUnavailableError('Not ready: the process is shutting down');
    }
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () =>
          this.indicators
            .check('redis')
            .attempt(async () => {
              await this.redis.ping();
            })
            .withTimeout(CHECK_TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      if (down.every((check) => this.optionalChecks.includes(check as ReadinessCheck))) {
        return { ...result, status: 'degraded' };
      }
      throw new ServiceUnavailableError(`Not ready: ${down.join(' and ')} unavailable`, [], {
        checks: result.details,
      });
    }
  }
}
