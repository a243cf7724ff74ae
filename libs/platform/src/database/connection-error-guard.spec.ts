import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { guardConnectionErrors } from './connection-error-guard.js';

const terminated = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

function guardedPool() {
  const pool = new EventEmitter();
  const warnings: string[] = [];
  guardConnectionErrors(pool, (message) => warnings.push(message));
  const lend = (client = new EventEmitter()) => {
    pool.emit('acquire', client);
    return client;
  };
  return { lend, warnings };
}

describe('guardConnectionErrors', () => {
  it('keeps a lent connection whose listeners are gone from throwing on error, and says so', () => {
    const { lend, warnings } = guardedPool();
    const client = lend();
    expect(() => client.emit('error', terminated())).not.toThrow();
    expect(warnings).toEqual([
      'A PostgreSQL connection in use failed with nobody else listening: terminating connection due to administrator command',
    ]);
  });

  it('an unguarded connection would have thrown (what the guard is for)', () => {
    expect(() => new EventEmitter().emit('error', terminated())).toThrow('terminating connection');
  });

  it('stays silent while another listener (the pool, TypeORM) handles the error', () => {
    const { lend, warnings } = guardedPool();
    const client = lend();
    const handled: Error[] = [];
    client.on('error', (error: Error) => handled.push(error));
    client.emit('error', terminated());
    expect(handled).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('adds one listener per connection, however often the pool lends it', () => {
    const { lend } = guardedPool();
    const client = lend();
    lend(client);
    lend(client);
    expect(client.listenerCount('error')).toBe(1);
  });
});
