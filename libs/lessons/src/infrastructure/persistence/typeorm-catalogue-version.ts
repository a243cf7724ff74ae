import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { CatalogueVersion } from '../../application/catalogue-version.js';

@Injectable()
export class TypeOrmCatalogueVersion extends CatalogueVersion {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async current(): Promise<number> {
    const rows: { version: string }[] = await this.transactions.manager.query(`SELECT version FROM catalogue_state`);
    return Number(rows[0]?.version ?? 0);
  }

  async bump(): Promise<number> {
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
    const rows: { version: string }[] = await this.transactions.manager.query(
      `WITH bumped AS (UPDATE catalogue_state SET version = version + 1 RETURNING version) SELECT version FROM bumped`,
    );
    return Number(rows[0]?.version ?? 0);
  }
}
