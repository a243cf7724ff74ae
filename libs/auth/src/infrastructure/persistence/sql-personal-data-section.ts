import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataRegistry } from '../../application/privacy/personal-data.registry.js';

/**
 * A module's share of a user's data export as one SQL query taking the user id as `$1`. Add the
 * returned provider to the module that owns the tables.
 */
export function sqlPersonalDataSection(name: string, sql: string): Provider {
  return {
    provide: `personal-data-section:${name}`,
    inject: [PersonalDataRegistry, DataSource],
    useFactory: (registry: PersonalDataRegistry, dataSource: DataSource) => {
      registry.register({ name, collect: (userId) => dataSource.query(sql, [userId]) });
      return name;
    },
  };
}
