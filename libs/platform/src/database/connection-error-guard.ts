import type { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from './prepared-statements.js';

/** What the guard needs of pg's Pool: its `acquire` event hands out every connection it lends. */
export interface AcquiringPool {
  on(event: 'acquire', listener: (client: EventEmitter) => void): unknown;
}

const GUARDED = Symbol('techtrek.connectionErrorGuard');

/**
 * An EventEmitter's `error` with nobody listening throws, and from a socket callback that kills
 * the process. pg-pool listens on idle connections and TypeORM on its query runners', yet a
 * PostgreSQL restart once cut a connection while nobody was listening (the fault e2e test, under
 * CI load): an uncaught exception where a 503 was due. So every connection the pool lends keeps a
 * listener of its own for life. It only speaks when it was the only one: the others already
 * release the connection, and pg has failed the connection's queries whoever listens; the pool
 * drops a connection that is no longer queryable when it comes back.
 */
export function guardConnectionErrors(pool: AcquiringPool, warn: (message: string) => void): void {
  pool.on('acquire', (client) => {
    const marked = client as EventEmitter & { [GUARDED]?: true };
    if (marked[GUARDED]) return;
    marked[GUARDED] = true;
    client.on('error', (error: Error) => {
      if (client.listenerCount('error') > 1) return;
      warn(`A PostgreSQL connection in use failed with nobody else listening: ${error.message}`);
    });
  });
}

/** Guards TypeORM's pool from the moment the connection exists (API and worker alike). */
@Injectable()
export class ConnectionErrorGuard implements OnModuleInit {
  private readonly logger = new Logger('PostgreSQL');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardConnectionErrors(poolOf(this.dataSource), (message) => this.logger.warn(message));
  }
}
