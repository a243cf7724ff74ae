import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { bearer, getMe, newLearner, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const SECRET = 'e2e-secret-that-is-at-least-32-bytes-long!';

describe('accounts and sessions', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let otherInstance: NestFastifyApplication;
  let db: pg.Client;

  beforeAll(async () => {
    harness = await TestHarness.start({ AUTH_JWT_SECRET: SECRET, AUTH_REFRESH_REUSE_GRACE_SECONDS: '2' });
    api = await harness.startApi();
    otherInstance = await harness.startApi();
    db = await harness.database();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    api.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

  describe('sign-up', () => {
    it('creates a learner, signs it in, and never shows a hash', async () => {
      const body = newLearner({ email: '  Grace.Hopper@Example.COM ' });
      const response = await post('/auth/signup', body);
      expect(response.statusCode).toBe(201);
      const result = response.json<SignedIn & { user: Record<string, unknown> }>();
      expect(result.user).toEqual({
        id: expect.any(Number),
        email: 'grace.hopper@example.com',
        username: body.username,
        role: 'learner',
        xp: 0,
        currentStreak: 0,
        timezone: 'UTC',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(result.expiresIn).toBe(900);
      expect(response.body).not.toMatch(/password|\$argon2/i);
      expect((await getMe(api, result.accessToken)).json()).toEqual(result.user);
    });

    it('refuses a second account with the same email, whatever its case', async () => {
      const body = newLearner();
      await signUp(api, body);
      const again = await post('/auth/signup', { ...body, email: String(body.email).toUpperCase() });
      expectProblem(again, 409, 'AUTH.EMAIL_TAKEN');
    });

    it.each([
      ['too short', 'short-pw', 'password'],
      ['common', 'password1234', 'password'],
      ['containing the username', 'zephyrine-secret-99', 'password'],
    ])('refuses a %s password with a 400 naming the field', async (_label, password) => {
      const response = await post('/auth/signup', newLearner({ username: 'zephyrine', password }));
      const problem = expectProblem(response, 400);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    });

    it.each([
      [{}],
      [{ email: 'not-an-email', username: 'abc', password: 'violet-kayak-orbit-91' }],
      [{ email: 'a@b.co', username: 'ab', password: 'violet-kayak-orbit-91' }],
      [{ email: 'a@b.co', username: 'abc', password: 12345678901 }],
      [{ email: 'a@b.co', username: 'abc', password: 'violet-kayak-orbit-91', role: 'admin' }],
    ])('answers a malformed body %j with a 400 validation problem', async (body) => {
      expectProblem(await post('/auth/signup', body), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('login', () => {
    it('signs in with the right password, case-insensitively on the email', async () => {
      const body = newLearner();
      await signUp(api, body);
      const response = await post('/auth/login', { email: String(body.email).toUpperCase(), password: body.password });
      expect(response.statusCode).toBe(200);
      expect(response.json<SignedIn>().user.email).toBe(body.email);
    });

    it('answers an unknown email and a wrong password with the same 401', async () => {
      const body = newLearner();
      await signUp(api, body);
      const wrong = await post('/auth/login', { email: body.email, password: 'not-the-password-1' });
      const unknown = await post('/auth/login', { email: 'nobody@example.com', password: 'not-the-password-1' });
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(expectProblem(wrong, 401, 'AUTH.INVALID_CREDENTIALS'))).toEqual(
        strip(expectProblem(unknown, 401, 'AUTH.INVALID_CREDENTIALS')),
      );
    });

    it.each([
      [{}],
      [{ email: 'a@b.co' }],
      [{ email: 5, password: 'x' }],
      [{ email: 'a@b.co', password: 'x', extra: 1 }],
    ])('answers a malformed body %j with a 400 problem', async (body) => {
      expectProblem(await post('/auth/login', body), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('access tokens', () => {
    let learner: SignedIn;
    const sign = (payload: object, options: jwt.SignOptions = {}, secret = SECRET) =>
      jwt.sign(payload, secret, {
        algorithm: 'HS256',
        issuer: 'techtrek-api',
        audience: 'techtrek-app',
        expiresIn: 60,
        ...options,
      });

    beforeAll(async () => {
      learner = await signUp(api);
    });

    const claims = () => {
      const decoded = jwt.decode(learner.accessToken) as Record<string, unknown>;
      return { sub: decoded.sub, role: decoded.role, sid: decoded.sid, sv: decoded.sv };
    };

    it('carries sub, role, sid, session version, jti, iss and aud', () => {
      expect(jwt.decode(learner.accessToken)).toMatchObject({
        sub: String(learner.user.id),
        role: 'learner',
        sid: expect.any(String),
        sv: 1,
        jti: expect.any(String),
        iss: 'techtrek-api',
        aud: 'techtrek-app',
      });
    });

    it.each([
      ['no token', () => undefined],
      ['a malformed token', () => 'not.a.jwt'],
      ['a token signed with another secret', () => sign(claims(), {}, 'another-secret-that-is-32-bytes-long!!')],
      ['a token for another audience', () => sign(claims(), { audience: 'someone-else' })],
      ['a token from another issuer', () => sign(claims(), { issuer: 'someone-else' })],
      ['an expired token', () => sign(claims(), { expiresIn: -10 })],
      [
        'an unsigned (alg: none) token',
        () => jwt.sign(claims(), '', { algorithm: 'none', issuer: 'techtrek-api', audience: 'techtrek-app' }),
      ],
      ['a token with a tampered role', () => tamper(learner.accessToken, { role: 'admin' })],
      [
        'a well-signed token for a session that does not exist',
        () => sign({ ...claims(), sid: '00000000-0000-4000-8000-000000000000' }),
      ],
    ])('refuses %s with a 401 problem', async (_label, token) => {
      const value = token();
      const response = await api.inject({ method: 'GET', url: '/me', headers: value ? bearer(value) : {} });
      expectProblem(response, 401);
    });
  });

  describe('refresh', () => {
    it('rotates: a new pair each time, and the new refresh token works', async () => {
      const first = await signUp(api);
      const second = (await post('/auth/refresh', { refreshToken: first.refreshToken })).json<SignedIn>();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      const third = await post('/auth/refresh', { refreshToken: second.refreshToken });
      expect(third.statusCode).toBe(200);
      expect((await getMe(api, third.json<SignedIn>().accessToken)).statusCode).toBe(200);
    });

    it('gives parallel refreshes of one token the same new pair', async () => {
      const session = await signUp(api);
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          (index % 2 ? otherInstance : api).inject({
            method: 'POST',
            url: '/auth/refresh',
            payload: { refreshToken: session.refreshToken },
          }),
        ),
      );
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const pairs = new Set(
        responses.map((response) => {
          const { accessToken, refreshToken } = response.json<SignedIn>();
          return `${accessToken}|${refreshToken}`;
        }),
      );
      expect(pairs.size).toBe(1);
    });

    it('treats a reuse after the grace window as theft: the whole session ends', async () => {
      const session = await signUp(api);
      const rotated = (await post('/auth/refresh', { refreshToken: session.refreshToken })).json<SignedIn>();
      await new Promise((resolve) => setTimeout(resolve, 2_300));
      expectProblem(
        await post('/auth/refresh', { refreshToken: session.refreshToken }),
        401,
        'AUTH.INVALID_REFRESH_TOKEN',
      );
      expectProblem(await getMe(api, rotated.accessToken), 401);
      expectProblem(
        await post('/auth/refresh', { refreshToken: rotated.refreshToken }),
        401,
        'AUTH.INVALID_REFRESH_TOKEN',
      );
    });

    it('refuses unknown and malformed refresh tokens', async () => {
      expectProblem(await post('/auth/refresh', { refreshToken: 'made-up' }), 401, 'AUTH.INVALID_REFRESH_TOKEN');
      expectProblem(await post('/auth/refresh', {}), 400);
      expectProblem(await post('/auth/refresh', { refreshToken: ['a'] }), 400);
    });

    it('stores refresh tokens only as hashes', async () => {
      const session = await signUp(api);
      const { rows } = await db.query(`SELECT encode(token_hash, 'base64') AS hash FROM refresh_tokens`);
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(session.refreshToken);
    });
  });

  describe('logout', () => {
    it('kills the access token at once on every instance, and its refresh token', async () => {
      const session = await signUp(api);
      expect((await getMe(otherInstance, session.accessToken)).statusCode).toBe(200);
      const response = await post('/auth/logout', undefined, bearer(session.accessToken));
      expect(response.statusCode).toBe(204);
      expectProblem(await getMe(api, session.accessToken), 401);
      expectProblem(await getMe(otherInstance, session.accessToken), 401);
      expectProblem(await post('/auth/refresh', { refreshToken: session.refreshToken }), 401);
    });

    it('with scope=global ends every session of the user and no one else’s', async () => {
      const body = newLearner();
      const phone = await signUp(api, body);
      const tablet = (await post('/auth/login', { email: body.email, password: body.password })).json<SignedIn>();
      const someoneElse = await signUp(api);
      const response = await api.inject({
        method: 'POST',
        url: '/auth/logout?scope=global',
        headers: bearer(phone.accessToken),
      });
      expect(response.statusCode).toBe(204);
      expectProblem(await getMe(otherInstance, tablet.accessToken), 401);
      expectProblem(await post('/auth/refresh', { refreshToken: tablet.refreshToken }), 401);
      expect((await getMe(api, someoneElse.accessToken)).statusCode).toBe(200);
    });

    it('requires a token and a known scope', async () => {
      expectProblem(await post('/auth/logout', undefined), 401);
      const session = await signUp(api);
      expectProblem(
        await api.inject({
          method: 'POST',
          url: '/auth/logout?scope=everything',
          headers: bearer(session.accessToken),
        }),
        400,
      );
    });
  });

  describe('profile', () => {
    it('updates username and timezone, validating the IANA zone', async () => {
      const session = await signUp(api);
      const patch = (payload: Record<string, unknown>) =>
        api.inject({ method: 'PATCH', url: '/me', headers: bearer(session.accessToken), payload });
      const updated = await patch({ username: 'renamed', timezone: 'America/Sao_Paulo' });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ username: 'renamed', timezone: 'America/Sao_Paulo' });
      expectProblem(await patch({ timezone: 'Mars/Olympus_Mons' }), 400);
      expectProblem(await patch({ email: 'new@example.com' }), 400);
      expectProblem(await patch({ username: 'x' }), 400);
    });
  });
});

/** Re-encodes the payload with changes and keeps the original signature. */
function tamper(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...decoded, ...changes })).toString('base64url'), signature].join('.');
}

describe('rate limits on sign-in', () => {
  it('counts sign-up and logins per email across instances and IPs: the 4th attempt gets a 429 with Retry-After', async () => {
    const harness = await TestHarness.start({ THROTTLE_AUTH_LIMIT: '3', THROTTLE_AUTH_TTL_SECONDS: '60' });
    try {
      const api = await harness.startApi();
      const other = await harness.startApi();
      const body = newLearner();
      await signUp(api, body);
      const attempt = (app: NestFastifyApplication, remoteAddress: string) =>
        app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress,
          payload: { email: body.email, password: 'wrong-password-1' },
        });
      expectProblem(await attempt(api, '10.0.0.1'), 401);
      expectProblem(await attempt(other, '10.0.0.2'), 401);
      const limited = await attempt(api, '10.0.0.3');
      expectProblem(limited, 429, 'REQUEST.RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await harness.close();
    }
  });
});
