import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

// Reads the raw string: implicit conversion has already turned "false" into `true` in `value`.
const toBoolean = ({ key, obj }: { key: string; obj: Record<string, unknown> }): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  const normalized = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return raw;
};

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/**
 * Every setting the processes read, with its default. Decorators run bottom-up and only the first
 * failure per variable is reported, so the type check sits closest to the property. `.env.example` mirrors this class;
 * `environment.spec.ts` keeps the two in step.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  HOST: string = '0.0.0.0';

  @Max(65535)
  @Min(1)
  @IsInt()
  PORT: number = 3000;

  @Max(65535)
  @Min(1)
  @IsInt()
  WORKER_PORT: number = 3001;

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/techtrek';

  @Max(200)
  @Min(1)
  @IsInt()
  DATABASE_POOL_SIZE: number = 10;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key and BullMQ queue, so several deployments (or test runs) share one Redis. */
  @Matches(/^[a-z0-9:_-]{1,64}$/i, { message: 'must be 1–64 letters, digits, ":", "_" or "-"' })
  REDIS_KEY_PREFIX: string = 'techtrek:';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Max(100 * 1024 * 1024)
  @Min(1024)
  @IsInt()
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** Comma-separated origins allowed by CORS; empty allows none, "*" allows any. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  TRUST_PROXY: boolean = false;

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  SWAGGER_ENABLED: boolean = true;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be a Sentry DSN URL' },
  )
  SENTRY_DSN?: string;

  /** How long SIGTERM waits for in-flight requests and running jobs before forcing the exit. */
  @Max(600_000)
  @Min(0)
  @IsInt()
  SHUTDOWN_TIMEOUT_MS: number = 15_000;

  /** After SIGTERM, /health/ready answers 503 for this long before the listener closes, so a load balancer drains first. */
  @Max(120_000)
  @Min(0)
  @IsInt()
  SHUTDOWN_DRAIN_DELAY_MS: number = 0;

  /** Where `seed` reads the curriculum files; defaults to the starter curriculum in the repo. */
  @IsOptional()
  @IsString()
  SEED_CURRICULUM_DIR?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;
}

export class EnvironmentValidationError extends Error {
  override readonly name = 'EnvironmentValidationError';
}

/** Validates raw process variables into typed settings; throws one line naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const environment = plainToInstance(Environment, present, { enableImplicitConversion: true });
  // whitelist: the result holds our settings only, not every variable of the process.
  const errors = validateSync(environment, { whitelist: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new EnvironmentValidationError(`Invalid configuration: ${describe(errors, present)}`);
  }
  return environment;
}

function describe(errors: ValidationError[], raw: Record<string, unknown>): string {
  return errors
    .map((error) => {
      const value = raw[error.property];
      const shown = value === undefined ? 'unset' : `got ${JSON.stringify(redact(error.property, value))}`;
      const reasons = Object.values(error.constraints ?? {}).map((reason) =>
        reason.replace(new RegExp(`^${error.property}\\s*`), ''),
      );
      return `${error.property} ${reasons.join(' and ')} (${shown})`;
    })
    .join('; ');
}

function redact(name: string, value: unknown): unknown {
  return /PASSWORD|SECRET|KEY|DSN|TOKEN/i.test(name) && !/PREFIX/.test(name) ? '***' : value;
}
