import { createVerify, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as FCM received it. */
export interface ReceivedFcmMessage {
  token: string;
  notification?: { title?: string; body?: string };
  data?: Record<string, string>;
  /** The request's Authorization header. */
  authorization?: string;
  /** The request's Host header: the host firebase-admin addressed. */
  host?: string;
  /** The message's name (its id) when it was accepted. */
  name?: string;
}

/** How FCM refuses a message, as its HTTP v1 API answers. */
export type FcmFailure = 'UNREGISTERED' | 'UNAVAILABLE' | 'INVALID_ARGUMENT';

const FAILURES: Record<FcmFailure, { status: number; body: unknown }> = {
  UNREGISTERED: {
    status: 404,
    body: {
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        status: 'NOT_FOUND',
        details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
      },
    },
  },
  UNAVAILABLE: {
    status: 503,
    body: {
      error: {
        code: 503,
        message: 'The service is currently unavailable.',
        status: 'UNAVAILABLE',
        details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNAVAILABLE' }],
      },
    },
  },
  INVALID_ARGUMENT: {
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'The registration token is not a valid FCM registration token',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'INVALID_ARGUMENT' }],
      },
    },
  },
};

interface TokenFailure {
  failure: FcmFailure;
  /** Answers left; Infinity for every request. */
  times: number;
  /** A Retry-After header (seconds) on the answer. */
  retryAfterSeconds?: number;
}

/**
 * A local FCM speaking its HTTP v1 wire format: POST /token (Google's OAuth2 JWT-bearer grant: an
 * RS256 assertion, checked against the service account's public key, for an access token) and
 * POST /v1/projects/<project>/messages:send {message: {token, notification, data}} → 200 {name}
 * when the bearer token is one it issued (401 UNAUTHENTICATED otherwise). It records every message
 * (with its Authorization header) and every token request, and answers chosen registration
 * tokens with FCM's errors (UNREGISTERED 404, UNAVAILABLE 503, INVALID_ARGUMENT 400).
 */
export class FakeFcmServer {
  readonly received: ReceivedFcmMessage[] = [];
  /** The claims of every accepted token request's assertion. */
  readonly tokenRequests: Record<string, unknown>[] = [];
  private readonly issued = new Set<string>();
  private readonly failures = new Map<string, TokenFailure>();
  private server?: Server;
  url = '';

  private constructor(
    readonly projectId: string,
    private readonly publicKey: KeyObject,
  ) {}

  static async start(projectId: string, publicKey: KeyObject): Promise<FakeFcmServer> {
    const fake = new FakeFcmServer(projectId, publicKey);
    fake.server = createServer((request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Messages to `token` are answered with `failure`, `times` times (every time by default). */
  fail(token: string, failure: FcmFailure, times = Infinity, retryAfterSeconds?: number): void {
    this.failures.set(token, { failure, times, retryAfterSeconds });
  }

  /** Messages received for `token` (accepted or not). */
  to(token: string): ReceivedFcmMessage[] {
    return this.received.filter((message) => message.token === token);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = Buffer.concat(await request.toArray()).toString('utf8');
    if (request.method === 'POST' && request.url === '/token') return this.token(text, response);
    const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(request.url ?? '');
    if (request.method === 'POST' && send) return this.send(send[1], request, text, response);
    reply(response, 404, {
      error: { code: 404, message: `no route ${request.method} ${request.url}`, status: 'NOT_FOUND' },
    });
  }

  private token(text: string, response: ServerResponse): void {
    const form = new URLSearchParams(text);
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    const signed =
      form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
      signature !== undefined &&
      createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(this.publicKey, signature, 'base64url');
    if (!signed) return reply(response, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    this.tokenRequests.push(JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>);
    const accessToken = `ya29.fake-${randomUUID()}`;
    this.issued.add(accessToken);
    reply(response, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  private send(project: string, request: IncomingMessage, text: string, response: ServerResponse): void {
    const authorization = request.headers.authorization;
    if (!this.issued.has(authorization?.replace(/^Bearer /, '') ?? '')) {
      return reply(response, 401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      });
    }
    const { message } = JSON.parse(text) as { message: Omit<ReceivedFcmMessage, 'authorization' | 'host' | 'name'> };
    const received: ReceivedFcmMessage = { ...message, authorization, host: request.headers.host };
    this.received.push(received);
    if (project !== this.projectId) {
      return reply(response, 403, {
        error: { code: 403, message: 'SenderId mismatch', status: 'PERMISSION_DENIED' },
      });
    }
    const failure = this.failures.get(message.token);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      const { status, body } = FAILURES[failure.failure];
      const retryAfter = failure.retryAfterSeconds;
      return reply(response, status, body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
    }
    received.name = `projects/${project}/messages/${randomUUID()}`;
    reply(response, 200, { name: received.name });
  }
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}
