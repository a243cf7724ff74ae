import type { UserRole } from '../../domain/user-role.js';

/** The JWT claims we sign (plus iss, aud, exp, iat, jti). */
export interface AccessTokenPayload {
  sub: string;
  role: UserRole;
  sid: string;
  sv: number;
}
