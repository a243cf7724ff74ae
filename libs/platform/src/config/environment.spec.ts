import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Environment, EnvironmentValidationError, redactSetting, validateEnvironment } from './environment.js';

/** The message of the error `validateEnvironment(raw)` throws; fails the test if it does not throw one. */
function validationMessage(raw: Record<string, unknown>): string {
  try {
    validateEnvironment(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentValidationError);
    return (error as Error).message;
  }
  throw new Error('expected validateEnvironment to throw');
}

describe('validateEnvironment', () => {
  describe('defaults', () => {
    it('uses the documented defaults when nothing is set', () => {
      const environment = validateEnvironment({});

      expect(environment).toBeInstanceOf(Environment);
      expect(environment).toMatchObject({
        NODE_ENV: 'development',
        HOST: '0.0.0.0',
        PORT: 3000,
        WORKER_PORT: 3001,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/techtrek',
        DATABASE_POOL_SIZE: 10,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: 'techtrek:',
        LOG_LEVEL: 'info',
        BODY_LIMIT_BYTES: 1024 * 1024,
        CORS_ORIGINS: [],
        TRUST_PROXY: false,
        SWAGGER_ENABLED: true,
        SHUTDOWN_TIMEOUT_MS: 15_000,
        SHUTDOWN_DRAIN_DELAY_MS: 0,
      });
      expect(environment.SENTRY_DSN).toBeUndefined();
      expect(environment.ADMIN_EMAIL).toBeUndefined();
      expect(environment.ADMIN_PASSWORD).toBeUndefined();
    });

    it('treats empty strings as unset, so the default applies', () => {
      const environment = validateEnvironment({ PORT: '', LOG_LEVEL: '', DATABASE_URL: '', ADMIN_PASSWORD: '' });

      expect(environment.PORT).toBe(3000);
      expect(environment.LOG_LEVEL).toBe('info');
      expect(environment.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/techtrek');
      expect(environment.ADMIN_PASSWORD).toBeUndefined();
    });
  });

  describe('conversion', () => {
    it('turns numeric strings into numbers', () => {
      const environment = validateEnvironment({ PORT: '3001', DATABASE_POOL_SIZE: '25' });

      expect(environment.PORT).toBe(3001);
      expect(environment.DATABASE_POOL_SIZE).toBe(25);
    });

    it('turns "true" into the boolean true', () => {
      expect(validateEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    });

    it.each(['false', '0', 'no', 'off', 'FALSE'])('turns %j into the boolean false', (raw) => {
      expect(validateEnvironment({ TRUST_PROXY: raw }).TRUST_PROXY).toBe(false);
      expect(validateEnvironment({ SWAGGER_ENABLED: raw }).SWAGGER_ENABLED).toBe(false);
    });

    it('reads TRUST_PROXY as a hop count or a list of balancer addresses and ranges', () => {
      expect(validateEnvironment({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
      expect(validateEnvironment({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1' }).TRUST_PROXY).toEqual([
        '10.0.0.0/8',
        '192.168.1.5',
        '::1',
      ]);
    });

    it.each(['maybe', '10.0.0.0/33', '300.1.1.1', '11', '10.0.0.0/8/1'])('refuses TRUST_PROXY=%j', (raw) => {
      expect(() => validateEnvironment({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY must be true, false, a hop count/);
    });

    it('refuses a boolean setting that is neither true nor false', () => {
      expect(() => validateEnvironment({ SWAGGER_ENABLED: 'maybe' })).toThrow(/SWAGGER_ENABLED must be true or false/);
    });

    it('requires an access-token secret of at least 32 bytes in production, and only there', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
        /^Invalid configuration: AUTH_JWT_SECRET must be set in production \(at least 32 bytes\) \(unset\)$/,
      );
      expect(() => validateEnvironment({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(31) })).toThrow(
        /AUTH_JWT_SECRET must be at least 32 bytes \(got "\*\*\*"\)/,
      );
      expect(
        validateEnvironment({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'é'.repeat(16) }).AUTH_JWT_SECRET,
      ).toHaveLength(16);
      expect(validateEnvironment({ NODE_ENV: 'development' }).AUTH_JWT_SECRET).toBeUndefined();
    });

    it('keeps only its own settings, not every variable of the process', () => {
      expect(validateEnvironment({ PATH: '/usr/bin', PORT: '3001' })).not.toHaveProperty('PATH');
    });

    it('splits a comma-separated list and trims each entry', () => {
      expect(validateEnvironment({ CORS_ORIGINS: 'a.com, b.com' }).CORS_ORIGINS).toEqual(['a.com', 'b.com']);
    });

    it('drops empty entries from a list', () => {
      expect(validateEnvironment({ CORS_ORIGINS: 'a.com,, ,b.com,' }).CORS_ORIGINS).toEqual(['a.com', 'b.com']);
    });

    it('accepts a postgresql:// URL and a rediss:// URL', () => {
      const environment = validateEnvironment({
        DATABASE_URL: 'postgresql://u@db/x',
        REDIS_URL: 'rediss://cache:6380',
      });

      expect(environment.DATABASE_URL).toBe('postgresql://u@db/x');
      expect(environment.REDIS_URL).toBe('rediss://cache:6380');
    });
  });

  describe('invalid values', () => {
    it.each([
      [{ PORT: 'abc' }, 'PORT', 'got "abc"'],
      [{ PORT: '70000' }, 'PORT', 'must not be greater than 65535'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'must be a postgres:// URL (got "mysql://x")'],
      [{ REDIS_URL: 'http://x' }, 'REDIS_URL', 'must be a redis:// or rediss:// URL (got "http://x")'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'must be one of the following values'],
      [{ NODE_ENV: 'staging' }, 'NODE_ENV', 'got "staging"'],
      [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL', 'must be an email address (got "not-an-email")'],
    ])('rejects %j with one line naming %s', (raw, variable, expected) => {
      const message = validationMessage(raw);

      expect(message).not.toContain('\n');
      expect(message).toMatch(new RegExp(`(^|\\s)${variable} `));
      expect(message).toContain(expected);
    });

    it('does not repeat the variable name inside the reason', () => {
      const message = validationMessage({ LOG_LEVEL: 'loud' });

      expect(message).toContain('LOG_LEVEL must be one of the following values: fatal, error, warn');
      expect(message.match(/LOG_LEVEL/g)).toHaveLength(1);
    });

    it('says a too-short admin password is too short without showing it', () => {
      const message = validationMessage({ ADMIN_PASSWORD: 'hunter2' });

      expect(message).toContain('ADMIN_PASSWORD must be at least 12 characters (got "***")');
      expect(message).not.toContain('hunter2');
    });

    it('shows the value of REDIS_KEY_PREFIX, which is not a secret', () => {
      const message = validationMessage({ REDIS_KEY_PREFIX: 'has space' });

      expect(message).toContain('REDIS_KEY_PREFIX');
      expect(message).toContain('"has space"');
    });

    it('redacts a bad SENTRY_DSN', () => {
      const message = validationMessage({ SENTRY_DSN: 'ftp://key@sentry.example/1' });

      expect(message).toContain('SENTRY_DSN must be a Sentry DSN URL (got "***")');
      expect(message).not.toContain('sentry.example');
    });

    it.each(['MIXPANEL_TOKEN', 'EXPO_ACCESS_TOKEN', 'OPENAI_API_KEY'])('would never show the value of %s', (name) => {
      expect(redactSetting(name, 'tok_live_123')).toBe('***');
    });

    it('shows a bad URL without its credentials', () => {
      const message = validationMessage({ DATABASE_URL: 'mysql://app:hunter2@db.internal/app' });

      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('mysql://***@db.internal/app');
      expect(message).not.toContain('hunter2');
    });

    it('names every bad variable in a single line', () => {
      const message = validationMessage({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        ADMIN_PASSWORD: 'short',
        HOST: '0.0.0.0',
      });

      expect(message).not.toContain('\n');
      expect(message.startsWith('Invalid configuration: ')).toBe(true);
      for (const variable of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADMIN_PASSWORD']) {
        expect(message).toContain(`${variable} `);
      }
      expect(message).not.toContain('HOST');
      expect(message.split('; ')).toHaveLength(4);
    });

    it('keeps a newline inside a bad value escaped, so the message stays on one line', () => {
      const message = validationMessage({ LOG_LEVEL: 'info\nwarn' });

      expect(message).not.toContain('\n');
      expect(message).toContain('"info\\nwarn"');
    });
  });
});

describe('push delivery settings', () => {
  it("default to the log adapter, Expo's public URL, 600 messages/s and receipts after 15 minutes", () => {
    expect(validateEnvironment({})).toMatchObject({
      PUSH_DELIVERY: 'log',
      EXPO_API_URL: 'https://exp.host',
      PUSH_RATE_PER_SECOND: 600,
      PUSH_RECEIPT_DELAY_MINUTES: 15,
      PUSH_MAINTENANCE_INTERVAL_SECONDS: 60,
    });
  });

  it('refuse an unknown delivery mode, a non-URL Expo endpoint and a zero rate', () => {
    const message = validationMessage({ PUSH_DELIVERY: 'send', EXPO_API_URL: 'exp.host', PUSH_RATE_PER_SECOND: '0' });

    expect(message).toContain('PUSH_DELIVERY');
    expect(message).toContain('EXPO_API_URL must be an http(s) URL');
    expect(message).toContain('PUSH_RATE_PER_SECOND');
  });

  it("leave FCM on Google's endpoints unless FCM_API_URL names another, which must be a URL", () => {
    expect(validateEnvironment({}).FCM_API_URL).toBeUndefined();
    expect(validateEnvironment({ FCM_API_URL: 'http://127.0.0.1:9099' }).FCM_API_URL).toBe('http://127.0.0.1:9099');
    expect(validationMessage({ FCM_API_URL: 'fcm.local' })).toContain('FCM_API_URL must be an http(s) URL');
  });
});

describe('.env.example', () => {
  const OPTIONAL_SETTINGS = [
    'SENTRY_DSN',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'SEED_CURRICULUM_DIR',
    'AUTH_JWT_SECRET',
    'SMTP_URL',
    'MEDIA_S3_ENDPOINT',
    'MEDIA_S3_BUCKET',
    'MEDIA_S3_ACCESS_KEY_ID',
    'MEDIA_S3_SECRET_ACCESS_KEY',
    'MEDIA_S3_PUBLIC_BASE_URL',
    'EXPO_ACCESS_TOKEN',
    'FCM_PROJECT_ID',
    'FCM_SERVICE_ACCOUNT_JSON',
    'FCM_API_URL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_BASE_URL',
    'GEMINI_API_KEY',
    'GEMINI_BASE_URL',
    'AI_ROUTING_POLICY',
  ];

  it('lists every setting of Environment, as KEY= or # KEY=', () => {
    const lines = readFileSync('.env.example', 'utf8').split(/\r?\n/);
    const listed = new Set(lines.map((line) => /^(?:#\s*)?([A-Z][A-Z0-9_]*)=/.exec(line.trim())?.[1]).filter(Boolean));

    const missing = [...Object.keys(new Environment()), ...OPTIONAL_SETTINGS].filter((key) => !listed.has(key));

    expect(missing).toEqual([]);
  });
});
