import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

/**
 * Access tokens bent every way an attacker might, beyond what auth.e2e-spec.ts covers (another
 * secret, issuer or audience, expiry, `alg: none`, a tampered role, an unknown session): each is a
 * 401 problem, and the untouched token still works, so none of these passes by accident.
 */
const SECRET = 'jwt-tampering-secret-that-is-32-bytes-or-more';
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);

type Claims = Record<string, unknown>;
const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString()) as Claims;

/** Signs header and payload as given, whatever `alg` the header claims (that is the point). */
function forge(header: Claims, payload: Claims, sign: (input: string) => string): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign(input)}`;
}
const hmac = (algorithm: 'sha256' | 'sha512', key: string | Buffer) => (input: string) =>
  createHmac(algorithm, key).update(input).digest('base64url');
const { privateKey: attackerRsaKey, publicKey: attackerRsaPublicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
});
const rs256 = (input: string) => createSign('RSA-SHA256').update(input).sign(attackerRsaKey).toString('base64url');
const attackerJwk = attackerRsaPublicKey.export({ format: 'jwk' });

describe('tampered access tokens', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let learner: SignedIn;
  let other: SignedIn;
  let header: Claims;
  let claims: Claims;

  beforeAll(async () => {
    harness = await TestHarness.start({ AUTH_JWT_SECRET: SECRET });
    api = await harness.startApi();
    learner = await signUp(api);
    other = await signUp(api);
    const [headerSegment, payloadSegment] = learner.accessToken.split('.');
    header = decode(headerSegment);
    claims = decode(payloadSegment);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const me = (headers: Record<string, string>, url = '/me') => api.inject({ method: 'GET', url, headers });
  /** Keeps the learner's header and signature, with the payload changed. */
  const withPayload = (changes: Claims, removed: string[] = []) => {
    const [headerSegment, , signature] = learner.accessToken.split('.');
    const payload = Object.fromEntries(
      Object.entries({ ...claims, ...changes }).filter(([key]) => !removed.includes(key)),
    );
    return `${headerSegment}.${encode(payload)}.${signature}`;
  };
  /** Correctly signed with our secret: only the claims are wrong. */
  const signed = (changes: Claims, removed: string[] = []) =>
    forge(
      header,
      Object.fromEntries(Object.entries({ ...claims, ...changes }).filter(([key]) => !removed.includes(key))),
      hmac('sha256', SECRET),
    );
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts the untouched token, and one re-signed with our secret and the same claims', async () => {
    expect((await me(bearer(learner.accessToken))).statusCode).toBe(200);
    expect((await me(bearer(signed({})))).statusCode).toBe(200);
  });

  it('refuses the token with any one signature character changed', async () => {
    const [headerSegment, payloadSegment, signature] = learner.accessToken.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The last character also carries padding bits: changing only those would decode to the same bytes.
    const changes = fc
      .tuple(fc.nat({ max: signature.length - 2 }), fc.constantFrom(...alphabet))
      .filter(([index, character]) => signature[index] !== character);
    await fc.assert(
      fc.asyncProperty(changes, async ([index, character]) => {
        const flipped = `${signature.slice(0, index)}${character}${signature.slice(index + 1)}`;
        expectProblem(await me(bearer(`${headerSegment}.${payloadSegment}.${flipped}`)), 401);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it.each<[string, () => Claims, string[]]>([
    ['another user as subject', () => ({ sub: String(other.user.id) }), []],
    ['a numeric subject', () => ({ sub: learner.user.id }), []],
    ['a later session version', () => ({ sv: Number(claims.sv) + 1 }), []],
    ['another session id', () => ({ sid: other.accessToken }), []],
    ['an expiry pushed out by a year', () => ({ exp: now() + 31_536_000 }), []],
    ['no expiry', () => ({}), ['exp']],
  ])('refuses the original signature over a payload with %s', async (_label, changes, removed) => {
    expectProblem(await me(bearer(withPayload(changes(), removed))), 401);
  });

  it.each<[string, () => string]>([
    ['HS512 with our secret', () => forge({ ...header, alg: 'HS512' }, claims, hmac('sha512', SECRET))],
    ['RS256 with an attacker key', () => forge({ ...header, alg: 'RS256' }, claims, rs256)],
    [
      'HS256 keyed with the attacker public key (RS/HS confusion)',
      () =>
        forge(
          { ...header, alg: 'HS256' },
          claims,
          hmac('sha256', attackerRsaPublicKey.export({ type: 'spki', format: 'pem' })),
        ),
    ],
    ['alg "None" with an empty signature', () => forge({ ...header, alg: 'None' }, claims, () => '')],
    [
      'alg "none" keeping the real signature',
      () => `${encode({ ...header, alg: 'none' })}.${learner.accessToken.split('.').slice(1).join('.')}`,
    ],
    [
      'kid pointing at /dev/null, signed with an empty key',
      () => forge({ ...header, kid: '../../../../../dev/null' }, claims, hmac('sha256', '')),
    ],
    [
      'kid injecting SQL, signed with the injected value',
      () => forge({ ...header, kid: "x' UNION SELECT 'k" }, claims, hmac('sha256', 'k')),
    ],
    [
      'jku at an attacker key set',
      () => forge({ ...header, alg: 'RS256', jku: 'https://evil.example/jwks.json' }, claims, rs256),
    ],
    [
      'x5u at an attacker certificate',
      () => forge({ ...header, alg: 'RS256', x5u: 'https://evil.example/cert.pem' }, claims, rs256),
    ],
    ['an embedded attacker jwk', () => forge({ ...header, alg: 'RS256', jwk: attackerJwk }, claims, rs256)],
  ])('refuses a token signed as %s', async (_label, token) => {
    expectProblem(await me(bearer(token())), 401);
  });

  it.each<[string, () => Claims, string[]]>([
    ['not valid before a minute from now', () => ({ nbf: now() + 60 }), []],
    ['expired an hour ago', () => ({ exp: now() - 3_600, iat: now() - 4_500 }), []],
    ['no session id', () => ({}), ['sid']],
    ['no session version', () => ({}), ['sv']],
    ['no subject', () => ({}), ['sub']],
    ['no token id', () => ({}), ['jti']],
    ['an unknown role', () => ({ role: 'root' }), []],
    ['an injection as subject', () => ({ sub: `${learner.user.id} OR 1=1` }), []],
    ['a subject past any integer', () => ({ sub: '99999999999999999999' }), []],
    ['a prototype-polluting role', () => ({ role: '__proto__' }), []],
  ])('refuses a token correctly signed with our secret but %s', async (_label, changes, removed) => {
    expectProblem(await me(bearer(signed(changes(), removed))), 401);
  });

  it.each<[string, () => string]>([
    [
      'a 64 KB token',
      () => `${learner.accessToken.split('.')[0]}.${'A'.repeat(65_536)}.${learner.accessToken.split('.')[2]}`,
    ],
    ['segments that are not base64url', () => '!!!.@@@.###'],
    [
      'a header that is not JSON',
      () => `${Buffer.from('{alg:HS256').toString('base64url')}.${learner.accessToken.split('.').slice(1).join('.')}`,
    ],
    ['an empty token of dots', () => '..'],
    ['two segments', () => learner.accessToken.split('.').slice(0, 2).join('.')],
    ['an extra segment', () => `${learner.accessToken}.extra`],
    ['five segments, as an encrypted token has', () => `${learner.accessToken}.a.b`],
    ['a NUL byte inside', () => `${learner.accessToken.slice(0, 20)}\u0000${learner.accessToken.slice(20)}`],
  ])('refuses %s', async (_label, token) => {
    expectProblem(await me(bearer(token())), 401);
  });

  it.each<[string, () => Record<string, string>]>([
    ['no scheme', () => ({ authorization: learner.accessToken })],
    ['another scheme', () => ({ authorization: `Token ${learner.accessToken}` })],
    ['Basic credentials', () => ({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` })],
    ['the scheme alone', () => ({ authorization: 'Bearer' })],
    ['the scheme and a space', () => ({ authorization: 'Bearer ' })],
    ['"Bearer" glued to the token', () => ({ authorization: `Bearer${learner.accessToken}` })],
    ['a word after the token', () => ({ authorization: `Bearer ${learner.accessToken} junk` })],
    ['a second scheme after the token', () => ({ authorization: `Bearer ${learner.accessToken} Basic YTpi` })],
    [
      'the token twice, comma-separated',
      () => ({ authorization: `Bearer ${learner.accessToken}, Bearer ${learner.accessToken}` }),
    ],
    [
      'a tampered token in the header and the real one in X-Access-Token',
      () => ({ ...bearer('x.y.z'), 'x-access-token': learner.accessToken }),
    ],
    ['the refresh token as bearer', () => bearer(learner.refreshToken)],
  ])('refuses an Authorization header with %s', async (_label, headers) => {
    expectProblem(await me(headers()), 401);
  });

  it.each(['access_token', 'token', 'jwt', 'authorization', 'bearer'])(
    'ignores a valid token sent in the query string as ?%s=',
    async (name) => {
      expectProblem(await me({}, `/me?${name}=${learner.accessToken}`), 401);
      expectProblem(await me({}, `/me?${name}=Bearer%20${learner.accessToken}`), 401);
    },
  );

  it('reads the scheme case-insensitively, as RFC 9110 has it, and nothing else loosely', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      expect((await me({ authorization: `${scheme} ${learner.accessToken}` })).statusCode).toBe(200);
    }
    expect((await me({ authorization: `Bearer   ${learner.accessToken}` })).statusCode).toBe(200);
  });
});
