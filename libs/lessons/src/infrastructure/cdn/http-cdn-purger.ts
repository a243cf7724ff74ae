import { Logger } from '@nestjs/common';
import { CdnPurger } from '../../application/cdn-purger.js';

export interface HttpCdnPurgerSettings {
  /** The CDN's purge endpoint; a path is appended to it (`http://127.0.0.1:8081` + `/lessons/3`). */
  url: string;
  /** Deadline for the whole purge: a change never waits longer on the CDN than this. */
  timeoutMs: number;
}

/** What the purger reports, so a failure is counted (the Prometheus adapter lives in the provider). */
export interface CdnPurgeOutcomes {
  purged(paths: number): void;
  failed(): void;
}

/**
 * Purges through HTTP `PURGE` requests, the convention of Varnish, Fastly and nginx's cache-purge
 * module: `PURGE <url><path>` for the path itself and `PURGE <url><path>?*` for every query string
 * of it (so `/lessons` drops every list page). A 404 means "not cached" and is fine. A CDN that is
 * down or slow never fails the change that called it: the failure is logged and counted, and the
 * responses' max-age still bounds how long the CDN can serve the old content.
 */
export class HttpCdnPurger extends CdnPurger {
  private readonly logger = new Logger('CdnPurger');
  private readonly base: string;

  constructor(
    private readonly settings: HttpCdnPurgerSettings,
    private readonly outcomes: CdnPurgeOutcomes,
  ) {
    super();
    this.base = settings.url.replace(/\/+$/, '');
  }

  async purge(paths: readonly string[]): Promise<void> {
    const targets = paths.flatMap((path) => [path, `${path}?*`]);
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      await Promise.all(targets.map((target) => this.send(target, deadline)));
      this.outcomes.purged(paths.length);
    } catch (error) {
      this.outcomes.failed();
      const reason = deadline.aborted ? `no answer within ${this.settings.timeoutMs} ms` : errorMessage(error);
      this.logger.warn(`CDN purge of ${paths.join(', ')} failed (${reason}); max-age bounds what it still serves`);
    }
  }

  private async send(target: string, signal: AbortSignal): Promise<void> {
    const response = await fetch(`${this.base}${target}`, { method: 'PURGE', signal });
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) throw new Error(`${target} answered ${response.status}`);
  }
}

function errorMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: string } } | null)?.cause?.message;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
