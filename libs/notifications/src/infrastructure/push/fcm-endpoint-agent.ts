import { Agent } from 'node:https';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * firebase-admin has no setting for FCM's endpoint: it always asks for
 * `https://fcm.googleapis.com/...`. What it does take is an `httpAgent` (AppOptions), used for
 * every request of its HTTP/1.1 transport. This agent connects each of those requests to another
 * server instead, whatever host the URL names: plain TCP for an `http:` endpoint (node's https
 * client then speaks plain HTTP over the socket it is given), TLS for an `https:` one. Only the
 * endpoint's host and port count; the request keeps its path and its `Host` header.
 *
 * Used only when FCM_API_URL is set (tests against a local fake FCM); production has no agent.
 */
export class FcmEndpointAgent extends Agent {
  private readonly host: string;
  private readonly port: number;
  private readonly tls: boolean;

  constructor(endpoint: string) {
    super({ keepAlive: true });
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`FCM_API_URL must be an http(s) URL, not ${url.protocol}`);
    }
    this.tls = url.protocol === 'https:';
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(url.port || (this.tls ? 443 : 80));
  }

  /** Instead of https.Agent's own, which would open TLS to the request's host. */
  override createConnection(): Socket {
    const { host, port } = this;
    // TLS refuses an IP address as the server name (SNI); the certificate is checked against it all the same.
    return this.tls
      ? connectTls({ host, port, servername: isIP(host) ? undefined : host })
      : connectTcp({ host, port });
  }
}
