/** Set on SIGTERM so readiness fails first and a load balancer stops sending new requests. */
export class ShutdownState {
  private drainingSince?: Date;

  beginDraining(): void {
    this.drainingSince ??= new Date();
  }

  get isDraining(): boolean {
    return this.drainingSince !== undefined;
  }
}
