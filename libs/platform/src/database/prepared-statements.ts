import type { DataSource } from 'typeorm';
import type { Pool, QueryResultRow } from 'pg';

/**
 * Runs a statement as a named prepared statement on TypeORM's own pool: PostgreSQL parses and
 * plans it once per connection instead of on every call, and the call skips TypeORM's query
 * runner. For single statements outside a transaction (each one atomic on its own); inside one,
 * use `Transactions.prepared`.
 */
export async function runPrepared<Row extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  return (await poolOf(dataSource).query<Row>({ name, text, values })).rows;
}

/** TypeORM's own pg Pool, for calls that skip its query runner. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
