import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Set on SIGTERM (and at the latest when the app starts closing): readiness fails so a load
 * balancer stops sending traffic, and responses ask clients to close their keep-alive
 * connections, so the listener can close once in-flight requests are done.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private draining = false;

  beginDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  beforeApplicationShutdown(): void {
    this.beginDraining();
  }
}
