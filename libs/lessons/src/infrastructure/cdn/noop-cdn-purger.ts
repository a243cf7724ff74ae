import { Injectable, Logger } from '@nestjs/common';
import { CdnPurger } from '../../application/cdn-purger.js';

/** No CDN configured: logs what a real adapter would purge, so the call is visible in debug logs. */
@Injectable()
export class NoopCdnPurger extends CdnPurger {
  private readonly logger = new Logger('CdnPurger');

  purge(paths: readonly string[]): Promise<void> {
    this.logger.debug(`No CDN configured; would purge ${paths.join(', ')}`);
    return Promise.resolve();
  }
}
