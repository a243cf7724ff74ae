import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { SessionAuthenticator, type Principal } from '../../application/session-authenticator.js';
import { NotAuthenticatedError } from '../../domain/auth.errors.js';
import { USER_ROLES, type UserRole } from '../../domain/user-role.js';
import type { AccessTokenPayload } from '../security/access-token-payload.js';
import { bearerTokenOf } from './bearer-token.js';
import { JwtSettings } from '../security/jwt-settings.js';

/**
 * Bearer access tokens: signature with the pinned algorithm only (so `alg: none` and RS/HS
 * confusion are refused), issuer, audience and expiry checked; then the session must be current.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(
    settings: JwtSettings,
    private readonly authenticator: SessionAuthenticator,
  ) {
    super({
      jwtFromRequest: bearerTokenOf,
      // passport-jwt's types say string | Buffer; jsonwebtoken takes the key object it is given.
      secretOrKey: settings.key as unknown as Buffer,
      algorithms: [JwtSettings.ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      ignoreExpiration: false,
    });
  }

  validate(payload: Partial<AccessTokenPayload & { jti: string }>): Promise<Principal> {
    const userId = Number(payload.sub);
    const { sid, sv, role, jti } = payload;
    // Every token we sign has a jti: one without was not made by us, whatever its signature says.
    const wellFormed =
      Number.isSafeInteger(userId) &&
      typeof jti === 'string' &&
      typeof sid === 'string' &&
      Number.isSafeInteger(sv) &&
      USER_ROLES.includes(role as UserRole);
    if (!wellFormed) return Promise.reject(new NotAuthenticatedError());
    return this.authenticator.authenticate({ userId, role: role!, sessionId: sid, sessionVersion: sv! });
  }
}
