import { isIP } from 'node:net';
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
  Validate,
  ValidateIf,
  validateSync,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationError,
  type ValidatorConstraintInterface,
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

export type TrustProxy = boolean | number | string[];

const toTrustProxy = (context: { key: string; obj: Record<string, unknown>; value: unknown }): unknown => {
  const raw = context.obj[context.key];
  if (typeof raw === 'string' && /^\s*[1-9]\d*\s*$/.test(raw)) return Number(raw);
  const asBoolean = toBoolean(context);
  return typeof asBoolean === 'boolean' ? asBoolean : toList(context);
};

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxySetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value === 'boolean') return true;
    if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= 10;
    return Array.isArray(value) && value.length > 0 && value.every(isAddressOrRange);
  }

  defaultMessage(): string {
    return 'must be true, false, a hop count (1–10) or comma-separated IP addresses/CIDR ranges';
  }
}

function isAddressOrRange(entry: unknown): boolean {
  if (typeof entry !== 'string') return false;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

@ValidatorConstraint({ name: 'minBytes' })
class MinBytes implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'string' && Buffer.byteLength(value, 'utf8') >= (args.constraints[0] as number);
  }

  defaultMessage(args: ValidationArguments): string {
    return `must be at least ${args.constraints[0] as number} bytes`;
  }
}

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

  /**
   * Whose `X-Forwarded-For` to believe: false; a hop count (1 behind one load balancer); or the
   * balancers' addresses/CIDRs, comma-separated. `true` believes every hop, so a client that sends
   * its own header behind a balancer that appends to it picks its rate-limit address: avoid it there.
   */
  @Transform(toTrustProxy)
  @Validate(TrustProxySetting)
  TRUST_PROXY: TrustProxy = false;

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

  /** How often the worker's outbox relay looks for new events (ADR 0005); events lag commits by about this much. */
  @Max(60_000)
  @Min(10)
  @IsInt()
  OUTBOX_RELAY_INTERVAL_MS: number = 200;

  /** Relayed outbox rows are kept this long (to investigate), then pruned by the relay. */
  @Max(24 * 90)
  @Min(1)
  @IsInt()
  OUTBOX_RETENTION_HOURS: number = 72;

  /**
   * How long a worker's lock on a running job lasts (renewed every half of it while the job runs):
   * a worker that dies holding jobs frees them this long after its last renewal (ADR 0011).
   */
  @Max(600_000)
  @Min(1_000)
  @IsInt()
  QUEUE_LOCK_DURATION_MS: number = 30_000;

  /** How often each worker looks for jobs whose lock expired (a dead worker's) and requeues them. */
  @Max(600_000)
  @Min(500)
  @IsInt()
  QUEUE_STALLED_INTERVAL_MS: number = 30_000;

  /** HMAC key for access tokens (HS256). Required in production; at least 32 bytes. */
  @ValidateIf((settings: Environment) => settings.NODE_ENV === 'production' || settings.AUTH_JWT_SECRET !== undefined)
  @Validate(MinBytes, [32])
  @IsString({ message: 'must be set in production (at least 32 bytes)' })
  AUTH_JWT_SECRET?: string;

  @IsString()
  AUTH_JWT_ISSUER: string = 'techtrek-api';

  @IsString()
  AUTH_JWT_AUDIENCE: string = 'techtrek-app';

  @Max(86_400)
  @Min(60)
  @IsInt()
  AUTH_ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @Max(365)
  @Min(1)
  @IsInt()
  AUTH_REFRESH_TOKEN_TTL_DAYS: number = 30;

  /** A refresh token presented again within this window returns the same new pair (parallel mobile refreshes). */
  @Max(300)
  @Min(0)
  @IsInt()
  AUTH_REFRESH_REUSE_GRACE_SECONDS: number = 10;

  /** An attempt passes a lesson at this score (percent) or above; passing is what completes, pays and counts for the streak. */
  @Max(100)
  @Min(1)
  @IsInt()
  PROGRESS_PASS_THRESHOLD: number = 70;

  /** SMTP server for account mail (smtp:// or smtps://, credentials in the URL); unset writes mail to MAIL_OUTBOX_DIR. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = 'TechTrek <no-reply@techtrek.local>';

  @IsString()
  MAIL_OUTBOX_DIR: string = '.dev-outbox';

  /** Default rate limit for every route, per signed-in user or else per IP address. */
  @Max(1_000_000)
  @Min(1)
  @IsInt()
  THROTTLE_DEFAULT_LIMIT: number = 300;

  @Max(86_400)
  @Min(1)
  @IsInt()
  THROTTLE_DEFAULT_TTL_SECONDS: number = 60;

  /** Strict limit on sign-up and login, counted per IP address and per email address. */
  @Max(1_000)
  @Min(1)
  @IsInt()
  THROTTLE_AUTH_LIMIT: number = 5;

  @Max(86_400)
  @Min(1)
  @IsInt()
  THROTTLE_AUTH_TTL_SECONDS: number = 60;

  /**
   * Push delivery: `log` (the default, also in production until set) logs each push and makes
   * synthetic tickets; `live` sends through Expo, and through FCM when FCM_PROJECT_ID is set.
   */
  @IsIn(['log', 'live'])
  PUSH_DELIVERY: 'log' | 'live' = 'log';

  /** Expo push service base URL (tests point it at a local fake). */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  EXPO_API_URL: string = 'https://exp.host';

  /** Expo access token, needed when the Expo project enforces push security. */
  @IsOptional()
  @IsString()
  EXPO_ACCESS_TOKEN?: string;

  /** Firebase project whose FCM sends to devices registered with provider `fcm`; unset sends those to the log. */
  @IsOptional()
  @IsString()
  FCM_PROJECT_ID?: string;

  /** The service account key (JSON text); unset uses Google application default credentials. */
  @IsOptional()
  @IsString()
  FCM_SERVICE_ACCOUNT_JSON?: string;

  /**
   * Where FCM's requests and its OAuth2 token exchange go instead of Google's hosts (only scheme,
   * host and port count): tests point it at a local fake FCM. Unset (production) uses Google's
   * endpoints over firebase-admin's default HTTP/2 transport; set, its HTTP/1.1 transport.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  FCM_API_URL?: string;

  /** Push messages per second across every worker (Expo allows 600). */
  @Max(100_000)
  @Min(1)
  @IsInt()
  PUSH_RATE_PER_SECOND: number = 600;

  /** Expo's receipts are checked this long after sending (they are ready after a few minutes, kept a day). */
  @Max(1_380)
  @Min(0)
  @IsInt()
  PUSH_RECEIPT_DELAY_MINUTES: number = 15;

  /** How often the worker checks receipts and queues again deliveries whose job was lost. */
  @Max(3_600)
  @Min(1)
  @IsInt()
  PUSH_MAINTENANCE_INTERVAL_SECONDS: number = 60;

  /**
   * Whether this worker keeps the daily reminders' minute tick scheduled (a BullMQ job scheduler
   * shared by every worker). Off only for tests that run the tick themselves at chosen instants.
   */
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  REMINDER_TICK_ENABLED: boolean = true;

  /** OpenAI key; unset, OpenAI is not used for hints. */
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  /** OpenAI-compatible base URL (an Azure or proxy endpoint; tests point it at a local fake). */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  OPENAI_BASE_URL?: string;

  @IsString()
  OPENAI_MODEL: string = 'gpt-4o';

  /** Anthropic key; unset, Claude is not used for hints. */
  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  ANTHROPIC_BASE_URL?: string;

  @IsString()
  ANTHROPIC_MODEL: string = 'claude-3-7-sonnet-latest';

  /** Google AI Studio key; unset, Gemini is not used for hints. */
  @IsOptional()
  @IsString()
  GEMINI_API_KEY?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  GEMINI_BASE_URL?: string;

  @IsString()
  GEMINI_MODEL: string = 'gemini-2.5-pro';

  /**
   * Thinking tokens Gemini 2.5 may spend before it writes (they count against its output limit, so
   * AI_MAX_OUTPUT_TOKENS is granted on top). 128 is 2.5 Pro's minimum; 0 leaves it to the model.
   */
  @Max(32_768)
  @Min(0)
  @IsInt()
  GEMINI_THINKING_BUDGET: number = 128;

  /** How long one provider call may take before the next provider in the fallback order is asked. */
  @Max(120_000)
  @Min(100)
  @IsInt()
  AI_TIMEOUT_MS: number = 6_000;

  /** Output token limit per hint; an answer cut at it counts as a failure (a cut hint is not shown). */
  @Max(4_096)
  @Min(16)
  @IsInt()
  AI_MAX_OUTPUT_TOKENS: number = 400;

  /** Calls one model provider may have in flight across every worker. */
  @Max(1_000)
  @Min(1)
  @IsInt()
  AI_PROVIDER_CONCURRENCY: number = 8;

  /** The routing policy as JSON (see README, "AI hints"); unset uses the built-in policy. */
  @IsOptional()
  @IsString()
  AI_ROUTING_POLICY?: string;

  /** Failures in a row that open a provider's circuit breaker, and how long it stays open. */
  @Max(1_000)
  @Min(1)
  @IsInt()
  AI_CIRCUIT_FAILURES: number = 5;

  @Max(3_600)
  @Min(1)
  @IsInt()
  AI_CIRCUIT_COOLDOWN_SECONDS: number = 30;

  /** How long POST /ai/hint waits for the hint job before answering 202 with the job id. */
  @Max(60_000)
  @Min(0)
  @IsInt()
  HINT_WAIT_MS: number = 8_000;

  /** Hints one learner may get per UTC day. */
  @Max(100_000)
  @Min(0)
  @IsInt()
  HINT_DAILY_QUOTA: number = 30;

  /** The longest hint shown; longer ones are cut at a sentence end. */
  @Max(4_000)
  @Min(80)
  @IsInt()
  HINT_MAX_CHARS: number = 600;

  /** How long a hint stays in the cache (keyed by lesson version, exercise, level and the learner's text). */
  @Max(30 * 86_400)
  @Min(0)
  @IsInt()
  HINT_CACHE_TTL_SECONDS: number = 7 * 86_400;

  /** Mixpanel project token: set, the worker sends product analytics to Mixpanel; unset, it logs them. */
  @IsOptional()
  @IsString()
  MIXPANEL_TOKEN?: string;

  /** Mixpanel's ingestion host[:port] (api-eu.mixpanel.com for EU residency; tests point it at a local fake). */
  @Matches(/^[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'must be a host name, optionally with :port' })
  MIXPANEL_HOST: string = 'api.mixpanel.com';

  /** `https` in production; `http` only for a local fake. */
  @IsIn(['https', 'http'])
  MIXPANEL_PROTOCOL: 'https' | 'http' = 'https';

  /** How long one send to Mixpanel may take before the analytics job fails and is retried later. */
  @Max(60_000)
  @Min(100)
  @IsInt()
  MIXPANEL_TIMEOUT_MS: number = 5_000;

  /**
   * A Mixpanel GDPR OAuth token (a project owner's or admin's; it expires after a year): set, an
   * erased account's events are deleted in Mixpanel through its GDPR API; unset, the worker warns.
   */
  @IsOptional()
  @IsString()
  MIXPANEL_GDPR_TOKEN?: string;

  /** Host[:port] of Mixpanel's GDPR API (eu.mixpanel.com for EU residency; tests point it at a local fake). */
  @Matches(/^[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'must be a host name, optionally with :port' })
  MIXPANEL_GDPR_HOST: string = 'mixpanel.com';

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

  /** Where uploaded media goes: `local` (MEDIA_LOCAL_DIR, served at /media) or `s3` (any S3-compatible bucket). */
  @IsIn(['local', 's3'])
  MEDIA_STORAGE: 'local' | 's3' = 'local';

  @IsString()
  MEDIA_LOCAL_DIR: string = './data/media';

  /** Largest accepted upload; uploads are held in memory while checked, so keep it modest. */
  @Max(256 * 1024 * 1024)
  @Min(1024)
  @IsInt()
  MEDIA_MAX_BYTES: number = 25 * 1024 * 1024;

  /** Prefix of local media URLs (e.g. a CDN in front of the API); empty gives `/media/<key>`. */
  @ValidateIf((settings: Environment) => settings.MEDIA_PUBLIC_BASE_URL !== '')
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  MEDIA_PUBLIC_BASE_URL: string = '';

  /**
   * Purge endpoint of a CDN in front of the learner catalogue: set, every content change sends
   * `PURGE <url><path>` and `PURGE <url><path>?*` (all its query strings) there; unset, the
   * responses' max-age bounds how long the CDN serves old content.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  CDN_PURGE_URL?: string;

  /** How long a change waits for the CDN purge before logging it as failed (the change itself stands). */
  @Max(30_000)
  @Min(100)
  @IsInt()
  CDN_PURGE_TIMEOUT_MS: number = 2_000;

  /** S3 API endpoint for non-AWS providers (MinIO, Supabase Storage, R2); unset means AWS. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  MEDIA_S3_ENDPOINT?: string;

  @IsString()
  MEDIA_S3_REGION: string = 'us-east-1';

  @ValidateIf((settings: Environment) => settings.MEDIA_STORAGE === 's3' || settings.MEDIA_S3_BUCKET !== undefined)
  @IsString({ message: 'must be set when MEDIA_STORAGE is s3' })
  MEDIA_S3_BUCKET?: string;

  @ValidateIf(
    (settings: Environment) => settings.MEDIA_STORAGE === 's3' || settings.MEDIA_S3_ACCESS_KEY_ID !== undefined,
  )
  @IsString({ message: 'must be set when MEDIA_STORAGE is s3' })
  MEDIA_S3_ACCESS_KEY_ID?: string;

  @ValidateIf(
    (settings: Environment) => settings.MEDIA_STORAGE === 's3' || settings.MEDIA_S3_SECRET_ACCESS_KEY !== undefined,
  )
  @IsString({ message: 'must be set when MEDIA_STORAGE is s3' })
  MEDIA_S3_SECRET_ACCESS_KEY?: string;

  /** Bucket in the URL path (`endpoint/bucket/key`), which MinIO and Supabase Storage need. */
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  MEDIA_S3_FORCE_PATH_STYLE: boolean = false;

  /** Where clients fetch objects (a CDN or the provider's public URL); unset derives it from the endpoint and bucket. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  MEDIA_S3_PUBLIC_BASE_URL?: string;
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
      const shown = value === undefined ? 'unset' : `got ${JSON.stringify(redactSetting(error.property, value))}`;
      const reasons = Object.values(error.constraints ?? {}).map((reason) =>
        reason.replace(new RegExp(`^${error.property}\\s*`), ''),
      );
      return `${error.property} ${reasons.join(' and ')} (${shown})`;
    })
    .join('; ');
}

/** Settings whose whole value is a secret (REDIS_KEY_PREFIX is not). */
const SECRET_SETTING = /PASSWORD|SECRET|KEY(?!_PREFIX)|DSN|_TOKEN$|^SMTP_URL$/;

/** A bad value as an error may show it: secrets hidden, and the credentials of any URL. */
export function redactSetting(name: string, value: unknown): unknown {
  if (SECRET_SETTING.test(name)) return '***';
  return typeof value === 'string' ? value.replace(/\/\/[^/@\s]*@/g, '//***@') : value;
}
