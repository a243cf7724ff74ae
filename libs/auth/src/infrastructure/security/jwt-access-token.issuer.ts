import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer, type AccessTokenClaims, type IssuedAccessToken } from '../../application/token-services.js';
import type { AccessTokenPayload } from './access-token-payload.js';
import { JwtSettings } from './jwt-settings.js';

@Injectable()
export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly settings: JwtSettings,
  ) {
    super();
  }

  issue(claims: AccessTokenClaims): IssuedAccessToken {
    const payload: AccessTokenPayload = {
      sub: String(claims.userId),
      role: claims.role,
      sid: claims.sessionId,
      sv: claims.sessionVersion,
    };
    const accessToken = this.jwt.sign(payload, {
      algorithm: JwtSettings.ALGORITHM,
      privateKey: this.settings.key,
      expiresIn: this.settings.accessTokenTtlSeconds,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      jwtid: randomUUID(),
    });
    return { accessToken, expiresIn: this.settings.accessTokenTtlSeconds };
  }
}
