import { createSign } from 'node:crypto';
import type { Credential, GoogleOAuthAccessToken } from 'firebase-admin/app';

/** The fields of a service account key this credential signs with. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SCOPES = 'https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/firebase.messaging';

/**
 * A service account credential whose OAuth2 token endpoint is `<FCM_API_URL>/token` instead of
 * Google's: the same JWT-bearer grant as firebase-admin's `cert()` (an RS256 assertion signed
 * with the key, exchanged for an access token). Needed because `cert()` given a key object
 * ignores its `httpAgent` (firebase-admin 13 builds google-auth-library's client without it), so
 * the agent cannot steer that exchange. `Credential` is firebase-admin's public interface for
 * this; it caches the token until shortly before `expires_in`.
 *
 * Used only when FCM_API_URL is set; production keeps `cert()` and Google's endpoint.
 */
export class FcmEndpointCredential implements Credential {
  private readonly tokenUrl: string;

  constructor(
    private readonly key: ServiceAccountKey,
    endpoint: string,
  ) {
    this.tokenUrl = new URL('/token', endpoint).toString();
  }

  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: this.assertion() }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`token endpoint ${this.tokenUrl} answered ${response.status}: ${text}`);
    const { access_token, expires_in } = JSON.parse(text) as Partial<GoogleOAuthAccessToken>;
    if (typeof access_token !== 'string' || typeof expires_in !== 'number') {
      throw new Error(`token endpoint ${this.tokenUrl} answered without access_token and expires_in: ${text}`);
    }
    return { access_token, expires_in };
  }

  private assertion(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', ...(this.key.private_key_id ? { kid: this.key.private_key_id } : {}) };
    const claims = { iss: this.key.client_email, scope: SCOPES, aud: this.tokenUrl, iat: now, exp: now + 3600 };
    const unsigned = `${base64url(header)}.${base64url(claims)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.key.private_key, 'base64url');
    return `${unsigned}.${signature}`;
  }
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
