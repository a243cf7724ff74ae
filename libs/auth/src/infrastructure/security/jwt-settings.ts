import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { createSecretKey, type KeyObject } from 'node:crypto';

/** Used only outside production (where AUTH_JWT_SECRET is required at boot), so dev and tests start. */
const DEVELOPMENT_ONLY_SECRET = 'techtrek-development-only-secret-never-use-in-production';

/** One place for how access tokens are signed and checked; the algorithm is pinned. */
@Injectable()
export class JwtSettings {
  static readonly ALGORITHM = 'HS256' as const;

  readonly secret: string;
  /**
   * The secret as a key object: given a string, jsonwebtoken first tries to parse it as a PEM key
   * and throws, on every sign and verify (about 0.6 ms each).
   */
  readonly key: KeyObject;
  readonly issuer: string;
  readonly audience: string;
  readonly accessTokenTtlSeconds: number;

  constructor(config: ConfigService<Environment, true>) {
    this.secret = config.get('AUTH_JWT_SECRET', { infer: true }) ?? DEVELOPMENT_ONLY_SECRET;
    this.key = createSecretKey(Buffer.from(this.secret, 'utf8'));
    this.issuer = config.get('AUTH_JWT_ISSUER', { infer: true });
    this.audience = config.get('AUTH_JWT_AUDIENCE', { infer: true });
    this.accessTokenTtlSeconds = config.get('AUTH_ACCESS_TOKEN_TTL_SECONDS', { infer: true });
  }
}
