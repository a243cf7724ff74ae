import { describe, expect, it } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import jwt from 'jsonwebtoken';
import type { Environment } from '@techtrek/platform';
import { JwtAccessTokenIssuer } from './jwt-access-token.issuer.js';
import { JwtSettings } from './jwt-settings.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';

function settingsWith(values: Partial<Record<keyof Environment, unknown>>): JwtSettings {
  const config = { get: (key: keyof Environment) => values[key] } as unknown as ConfigService<Environment, true>;
  return new JwtSettings(config);
}

describe('JwtAccessTokenIssuer', () => {
  const settings = settingsWith({
    AUTH_JWT_SECRET: SECRET,
    AUTH_JWT_ISSUER: 'techtrek-test',
    AUTH_JWT_AUDIENCE: 'techtrek-app',
    AUTH_ACCESS_TOKEN_TTL_SECONDS: 900,
  });
  const issuer = new JwtAccessTokenIssuer(settings);
  const claims = { userId: 42, role: 'learner' as const, sessionId: 'session-1', sessionVersion: 3 };
  const verify = (token: string, options: jwt.VerifyOptions = {}) =>
    jwt.verify(token, settings.key, {
      algorithms: ['HS256'],
      issuer: 'techtrek-test',
      audience: 'techtrek-app',
      ...options,
    }) as jwt.JwtPayload;

  it('issues an HS256 JWT that jsonwebtoken verifies, with every claim', () => {
    const { accessToken, expiresIn } = issuer.issue(claims);
    const payload = verify(accessToken);

    expect(jwt.decode(accessToken, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: '42', role: 'learner', sid: 'session-1', sv: 3 });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(5);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(expiresIn).toBe(900);
  });

  it('gives every token its own id', () => {
    expect(verify(issuer.issue(claims).accessToken).jti).not.toBe(verify(issuer.issue(claims).accessToken).jti);
  });

  it('is refused under another key, issuer or audience, or when tampered with', () => {
    const { accessToken } = issuer.issue(claims);
    const [header, , signature] = accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...verify(accessToken), role: 'admin' })).toString('base64url');

    expect(() => jwt.verify(accessToken, 'another-secret-another-secret-another', { algorithms: ['HS256'] })).toThrow();
    expect(() => verify(accessToken, { issuer: 'someone-else' })).toThrow();
    expect(() => verify(accessToken, { audience: 'another-app' })).toThrow();
    expect(() => verify(`${header}.${forged}.${signature}`)).toThrow();
  });
});
