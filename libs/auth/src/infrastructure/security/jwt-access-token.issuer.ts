import { Injectable } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import { AccessTokenIssuer, type AccessTokenClaims, type IssuedAccessToken } from '../../application/token-services.js';
import type { AccessTokenPayload } from './access-token-payload.js';
import { JwtSettings } from './jwt-settings.js';

const HEADER = Buffer.from(JSON.stringify({ alg: JwtSettings.ALGORITHM, typ: 'JWT' })).toString('base64url');

/**
 * Signs access tokens as compact HS256 JWTs (RFC 7519) with the key object directly: one header,
 * fixed claims, one HMAC. jsonwebtoken's sign re-validated its options and payload on every call,
 * a tenth of a login's own CPU. Verifying stays with jsonwebtoken (passport-jwt), which pins the
 * algorithm and checks `iss`, `aud` and `exp`.
 */
@Injectable()
export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  constructor(private readonly settings: JwtSettings) {
    super();
  }

  issue(claims: AccessTokenClaims): IssuedAccessToken {
    const issuedAt = Math.floor(Date.now() / 1000);
    const payload: AccessTokenPayload & Record<string, unknown> = {
      sub: String(claims.userId),
      role: claims.role,
      sid: claims.sessionId,
      sv: claims.sessionVersion,
      iat: issuedAt,
      exp: issuedAt + this.settings.accessTokenTtlSeconds,
      aud: this.settings.audience,
      iss: this.settings.issuer,
      jti: randomUUID(),
    };
    const signed = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const signature = createHmac('sha256', this.settings.key).update(signed).digest('base64url');
    return { accessToken: `${signed}.${signature}`, expiresIn: this.settings.accessTokenTtlSeconds };
  }
}
