import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../database/data-source-options.js';

type MigrationClass = new () => unknown;

/** Tests only ever touch databases whose name says so. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to use database "${name}" in tests: its name must contain "test"`);
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onMaintenanceDatabase<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes sure a migrated template database exists, to be copied with CREATE DATABASE … TEMPLATE.
 * Parallel test workers race here, so an advisory lock lets exactly one of them build it.
 */
export async function ensureMigratedTemplate(
  serverUrl: string,
  name: string,
  migrations: MigrationClass[],
): Promise<void> {
  assertTestDatabaseName(name);
  await onMaintenanceDatabase(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount === 0) await buildTemplate(serverUrl, client, name, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

async function buildTemplate(
  serverUrl: string,
  client: pg.Client,
  name: string,
  migrations: MigrationClass[],
): Promise<void> {
  const building = `${name}_building`;
  await client.query(`DROP DATABASE IF EXISTS "${building}"`);
  await client.query(`CREATE DATABASE "${building}"`);
  await migrate(databaseUrlFor(serverUrl, building), migrations);
  // Renamed only once complete, so a crashed build never leaves a half-migrated template.
  await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
}

export async function migrate(databaseUrl: string, migrations: MigrationClass[]): Promise<void> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'techtrek-test-migrate' }, { migrations }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

/** A fresh, migrated database for one test file, copied from the template in milliseconds. */
export async function createDatabaseFromTemplate(serverUrl: string, template: string): Promise<string> {
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  await onMaintenanceDatabase(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return databaseUrlFor(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await onMaintenanceDatabase(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops every database whose name starts with the prefix (a run's leftovers). */
export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string): Promise<void> {
  assertTestDatabaseName(prefix);
  const { rows } = await onMaintenanceDatabase(serverUrl, (client) =>
    client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'`, [prefix]),
  );
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}
