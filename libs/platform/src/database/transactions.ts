import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { poolOf, runPrepared } from './prepared-statements.js';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => Promise<void> | void)[];
}

/**
 * The transaction context of ADR 0005. A use case wraps its writes in `run()`; every repository
 * queries through `manager`, so all of them (in any module) share the one transaction, without
 * passing a connection around. Work that must only follow a commit (cache announcements, CDN
 * purges) is registered with `afterCommit()`.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);
  private readonly scope = new AsyncLocalStorage<TransactionScope>();
  private savepoints = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the pool's outside a transaction. */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  /** Whether the caller runs inside `run()`: writes that must share a transaction (the outbox) check it. */
  get isActive(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /**
   * Runs one statement as a named prepared statement, on the current transaction's connection (or
   * the pool's outside one): PostgreSQL parses and plans it once per connection instead of on every
   * call. For the hot statements of busy paths; `name` must be unique per statement text.
   */
  async prepared<Row extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const manager = this.scope.getStore()?.manager;
    if (!manager) return runPrepared<Row>(this.dataSource, name, text, values);
    const client = (manager.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    return (await client.query<Row>({ name, text, values })).rows;
  }

  /**
   * Runs several statements, separated by `;`, in one round trip (PostgreSQL's simple query
   * protocol) on the current transaction's connection (or a pooled one outside a transaction), and
   * returns each statement's rows in order. They run one after the other, so under READ COMMITTED
   * each one sees what committed before it started: a read after `pg_advisory_xact_lock(…)` sees
   * the state the lock protects. The protocol takes no parameters: only for SQL with no values from
   * outside, or integers the caller has checked.
   */
  async batch<Row extends QueryResultRow>(text: string): Promise<Row[][]> {
    const manager = this.scope.getStore()?.manager;
    const results = manager
      ? await (manager.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection.query<Row>(text)
      : await poolOf(this.dataSource).query<Row>(text);
    // pg answers one result for one statement, an array of them for several.
    return (Array.isArray(results) ? (results as QueryResult<Row>[]) : [results]).map((result) => result.rows);
  }

  /** Runs `work` in one transaction; a nested `run()` joins the outer one. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.scope.getStore()) return work();
    const afterCommit: TransactionScope['afterCommit'] = [];
    const result = await this.dataSource.transaction((manager) => this.scope.run({ manager, afterCommit }, work));
    for (const callback of afterCommit) await this.runAfterCommit(callback);
    return result;
  }

  /**
   * Runs `work` behind a savepoint of the current transaction: if it fails, only its statements are
   * undone and the transaction can go on (e.g. to report a refused delete). Outside a transaction
   * it simply runs `work`.
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const scope = this.scope.getStore();
    if (!scope) return work();
    const name = `sp_${(this.savepoints += 1)}`;
    await scope.manager.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await scope.manager.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await scope.manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * Runs `callback` once the current transaction has committed (at once outside a transaction);
   * never after a rollback. Its failure is logged, not thrown: the change is already committed.
   */
  async afterCommit(callback: () => Promise<void> | void): Promise<void> {
    const scope = this.scope.getStore();
    if (scope) scope.afterCommit.push(callback);
    else await this.runAfterCommit(callback);
  }

  private async runAfterCommit(callback: () => Promise<void> | void): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.logger.warn(`After-commit step failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** PostgreSQL refused a write because a referenced row is missing, or a referencing row exists. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}
