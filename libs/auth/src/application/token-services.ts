import type { UserRole } from '../domain/user-role.js';

export interface AccessTokenClaims {
  userId: number;
  role: UserRole;
  sessionId: string;
  sessionVersion: number;
}

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

/** Signs short-lived access tokens (JWT); verification happens at the HTTP edge. */
export abstract class AccessTokenIssuer {
  abstract issue(claims: AccessTokenClaims): IssuedAccessToken;
}

/** Opaque refresh tokens: random, stored only as a hash, and able to seal a successor pair. */
export abstract class RefreshTokenCodec {
  abstract generate(): { token: string; hash: Buffer };
  abstract hash(token: string): Buffer;
  /** Encrypts with a key derived from `token`: only its holder can open it again. */
  abstract seal(plaintext: string, token: string): Buffer;
  abstract open(ciphertext: Buffer, token: string): string;
}
