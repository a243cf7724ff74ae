import { createVerify, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FcmEndpointAgent } from './fcm-endpoint-agent.js';
import { FcmEndpointCredential } from './fcm-endpoint-credential.js';

interface Seen {
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('FCM on another endpoint', () => {
  const seen: Seen[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  let server: Server;
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      void req.toArray().then((chunks) => {
        seen.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("the agent takes an https request for Google's host to the endpoint, in plain HTTP", async () => {
    seen.length = 0;
    answer = { status: 200, body: '{"name":"projects/p/messages/1"}' };
    const agent = new FcmEndpointAgent(endpoint);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        'https://fcm.googleapis.com/v1/projects/p/messages:send',
        { method: 'POST', agent },
        (res) => void res.toArray().then((chunks) => resolve(Buffer.concat(chunks).toString('utf8')), reject),
      );
      req.on('error', reject);
      req.end('{"message":{}}');
    });
    agent.destroy();

    expect(body).toBe('{"name":"projects/p/messages/1"}');
    expect(seen).toEqual([
      {
        url: '/v1/projects/p/messages:send',
        headers: expect.objectContaining({ host: 'fcm.googleapis.com' }),
        body: '{"message":{}}',
      },
    ]);
  });

  it('refuses an endpoint that is not http(s)', () => {
    expect(() => new FcmEndpointAgent('ftp://127.0.0.1')).toThrow('http(s)');
  });

  describe('the credential', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = {
      client_email: 'push@p.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      private_key_id: 'k1',
    };

    it("exchanges a JWT signed with the service account's key for an access token at <endpoint>/token", async () => {
      seen.length = 0;
      answer = { status: 200, body: '{"access_token":"ya29.x","expires_in":3599,"token_type":"Bearer"}' };

      await expect(new FcmEndpointCredential(key, endpoint).getAccessToken()).resolves.toEqual({
        access_token: 'ya29.x',
        expires_in: 3599,
      });

      expect(seen[0].url).toBe('/token');
      const form = new URLSearchParams(seen[0].body);
      expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      const [header, claims, signature] = form.get('assertion')!.split('.');
      expect(createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, signature, 'base64url')).toBe(
        true,
      );
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
      const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
      expect(payload).toMatchObject({ iss: key.client_email, aud: `${endpoint}/token` });
      expect(payload.exp).toBe((payload.iat as number) + 3600);
    });

    it('fails when the token endpoint refuses or answers without a token', async () => {
      answer = { status: 400, body: '{"error":"invalid_grant"}' };
      await expect(new FcmEndpointCredential(key, endpoint).getAccessToken()).rejects.toThrow('answered 400');
      answer = { status: 200, body: '{"token_type":"Bearer"}' };
      await expect(new FcmEndpointCredential(key, endpoint).getAccessToken()).rejects.toThrow('without access_token');
    });
  });
});
