import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ScriptableFakeServer } from './scriptable-fake-server.js';

/** One message as Expo received it. */
export interface ReceivedPush {
  to: string;
  title?: string;
  body?: string;
  data?: Record<string, unknown>;
  /** When it arrived (ms since the epoch). */
  at: number;
  ticketId?: string;
}

type Receipt = { status: 'ok' } | { status: 'error'; message: string; details: { error: string } };

/**
 * A local Expo push service speaking its wire format: POST /--/api/v2/push/send (a JSON array,
 * gzipped when the SDK compresses it) → {data: [ticket per message]}; POST
 * /--/api/v2/push/getReceipts {ids} → {data: {id: receipt}}. It records every message and request,
 * and can be told which tokens are gone (in the ticket or only in the receipt), to answer the next
 * requests with a status (503, 429), and to hold requests (a slow provider) until released.
 * Also used by the benchmark: start(), url, count, stop().
 */
export class FakeExpoServer extends ScriptableFakeServer {
  readonly received: ReceivedPush[] = [];
  /** Sizes of the send requests, in arrival order. */
  readonly sendRequests: number[] = [];
  readonly receiptRequests: string[][] = [];
  /** Tokens answered with a DeviceNotRegistered ticket. */
  readonly goneInTicket = new Set<string>();
  /** Tokens that get an ok ticket and a DeviceNotRegistered receipt. */
  readonly goneInReceipt = new Set<string>();
  private readonly receipts = new Map<string, Receipt>();

  static async start(): Promise<FakeExpoServer> {
    const fake = new FakeExpoServer();
    await fake.start();
    return fake;
  }

  /** Messages received so far. */
  get count(): number {
    return this.received.length;
  }

  /** Messages received per token. */
  countsByToken(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { to } of this.received) counts.set(to, (counts.get(to) ?? 0) + 1);
    return counts;
  }

  reset(): void {
    this.received.length = 0;
    this.sendRequests.length = 0;
    this.receiptRequests.length = 0;
    this.goneInTicket.clear();
    this.goneInReceipt.clear();
    this.forgetScriptedFailures();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = Buffer.concat(await request.toArray());
    const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    if (request.method === 'POST' && request.url === '/--/api/v2/push/send') return this.send(text, response);
    if (request.method === 'POST' && request.url === '/--/api/v2/push/getReceipts') {
      return this.getReceipts(text, response);
    }
    reply(response, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
  }

  private send(text: string, response: ServerResponse): void {
    const messages = JSON.parse(text) as {
      to: string;
      title?: string;
      body?: string;
      data?: Record<string, unknown>;
    }[];
    this.sendRequests.push(messages.length);
    const status = this.nextFailure();
    if (status !== undefined) {
      return reply(response, status, { errors: [{ code: 'INTERNAL_SERVER_ERROR', message: `fake status ${status}` }] });
    }
    const at = Date.now();
    const tickets = messages.map((message) => {
      const received: ReceivedPush = { ...message, at };
      this.received.push(received);
      if (this.goneInTicket.has(message.to)) {
        return {
          status: 'error',
          message: `"${message.to}" is not a registered push notification recipient`,
          details: { error: 'DeviceNotRegistered' },
        };
      }
      received.ticketId = randomUUID();
      this.receipts.set(
        received.ticketId,
        this.goneInReceipt.has(message.to)
          ? {
              status: 'error',
              message: 'The device cannot receive push notifications',
              details: { error: 'DeviceNotRegistered' },
            }
          : { status: 'ok' },
      );
      return { status: 'ok', id: received.ticketId };
    });
    this.answerWhenReleased(() => reply(response, 200, { data: tickets }));
  }

  private getReceipts(text: string, response: ServerResponse): void {
    const { ids } = JSON.parse(text) as { ids: string[] };
    this.receiptRequests.push(ids);
    const data = Object.fromEntries(ids.flatMap((id) => (this.receipts.has(id) ? [[id, this.receipts.get(id)]] : [])));
    reply(response, 200, { data });
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
