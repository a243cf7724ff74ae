import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fakes of outside services share: a loopback HTTP server a test can script, to answer the
 * next requests with error statuses, or to hold answers back (a slow provider) until released.
 * A subclass speaks the provider's wire format in `handle()`.
 */
export abstract class ScriptableFakeServer {
  /** `http://127.0.0.1:<port>` once started. */
  url = '';
  private server?: Server;
  private failures: number[] = [];
  private holding = false;
  private held: (() => void)[] = [];

  /** `127.0.0.1:<port>`. */
  get host(): string {
    return new URL(this.url).host;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next requests answer these HTTP statuses, one each (e.g. `failNext(503, 503)`). */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Requests are recorded on arrival but not answered until `release()`. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer();
  }

  /** Drops the connections of held requests without answering (the provider's side of a crash). */
  dropHeld(): void {
    this.holding = false;
    this.held = [];
    this.server?.closeAllConnections();
  }

  /** Requests received and not answered yet. */
  get heldCount(): number {
    return this.held.length;
  }

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

  /** The status `failNext` scripted for this request, if any. */
  protected nextFailure(): number | undefined {
    return this.failures.shift();
  }

  /** Answers now, or on `release()` while holding. */
  protected answerWhenReleased(answer: () => void): void {
    if (this.holding) this.held.push(answer);
    else answer();
  }

  protected forgetScriptedFailures(): void {
    this.failures = [];
  }
}
