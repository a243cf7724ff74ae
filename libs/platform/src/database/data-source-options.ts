import type { DataSourceOptions } from 'typeorm';
import type { MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  applicationName: string;
}

type MigrationClass = new () => unknown;

/**
 * One place that says how we talk to PostgreSQL, shared by the apps, the migration command and
 * the tests. `synchronize` is off for good: the schema changes only through migrations.
 */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  extra: { entities?: MixedList<string | EntitySchema | (new () => unknown)>; migrations?: MigrationClass[] } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: extra.entities ?? [],
    migrations: extra.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName,
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
    },
  };
}
