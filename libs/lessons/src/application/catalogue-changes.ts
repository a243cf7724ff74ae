import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { CatalogueCache } from './catalogue-cache.js';
import { CatalogueVersion } from './catalogue-version.js';
import { CdnPurger } from './cdn-purger.js';

/**
 * What every change to learner-visible content calls, inside its transaction: the catalogue
 * version moves with the change (so no instance can cache old content under the new version), and
 * once it has committed this instance's cache is emptied, the other instances are told, and the CDN
 * purged, all before the change's response is sent (ADR 0003).
 */
@Injectable()
export class CatalogueChanges {
  constructor(
    private readonly transactions: Transactions,
    private readonly version: CatalogueVersion,
    private readonly cache: CatalogueCache,
    private readonly cdn: CdnPurger,
  ) {}

  async recordChange(lessonIds: readonly number[]): Promise<void> {
    const version = await this.version.bump();
    await this.transactions.afterCommit(() => this.cache.adoptVersion(version));
    await this.transactions.afterCommit(() => this.cdn.purge(learnerPathsOf(lessonIds)));
  }
}

function learnerPathsOf(lessonIds: readonly number[]): string[] {
  return ['/topics', '/lessons', ...lessonIds.map((id) => `/lessons/${id}`)];
}
