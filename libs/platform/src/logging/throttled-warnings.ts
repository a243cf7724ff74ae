import type { LoggerService } from '@nestjs/common';

/**
 * Warnings about a dependency that is down repeat on every retry; log each distinct one at most
 * once per interval instead of flooding the log.
 */
export class ThrottledWarnings {
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly logger: Pick<LoggerService, 'warn'>,
    private readonly intervalMs = 30_000,
  ) {}

  warn(key: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(key) ?? Number.NEGATIVE_INFINITY) < this.intervalMs) return;
    this.lastLogged.set(key, now);
    this.logger.warn(message);
  }
}
