import { MIGRATIONS } from '@techtrek/migrations';
import { buildDataSourceOptions, type Environment } from '@techtrek/platform';
import pg from 'pg';
import { DataSource } from 'typeorm';

type Log = (line: string) => void;

/** Creates the configured database when it does not exist yet (the server must be up). */
export async function createDatabaseIfAbsent(environment: Environment, log: Log): Promise<void> {
  const target = new URL(environment.DATABASE_URL);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(environment.DATABASE_URL);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return log(`Database "${name}" exists`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    log(`Database "${name}" created`);
  } finally {
    await client.end();
  }
}

async function withMigrationDataSource<T>(
  environment: Environment,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(
    buildDataSourceOptions(
      { url: environment.DATABASE_URL, poolSize: 1, applicationName: 'techtrek-migrate' },
      { migrations: MIGRATIONS },
    ),
  );
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export function runMigrations(environment: Environment, log: Log): Promise<void> {
  return withMigrationDataSource(environment, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Schema is up to date');
  });
}

export function revertLastMigration(environment: Environment, log: Log): Promise<void> {
  return withMigrationDataSource(environment, async (dataSource) => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    log('Reverted the last migration');
  });
}
