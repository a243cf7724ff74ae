import { describe, expect, it } from '@jest/globals';
import { asOutageError, DatabaseUnavailableError, isDatabaseConnectionError } from './database-unavailable.js';
import { RedisUnavailableError } from '../redis/redis-unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseConnectionError', () => {
  it.each([
    ['a fast shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server still starting (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection failure (08006)', withCode('08006')],
    ['a socket cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a refused connect', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a connect reset by a server going down', withCode('ECONNRESET', 'connect ECONNRESET 127.0.0.1:5432')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a pool ended by a shutdown', new Error('Cannot use a pool after calling end on the pool')],
    [
      'a data source destroyed by a shutdown',
      Object.assign(new Error('Driver not Connected'), { name: 'TypeORMError' }),
    ],
    [
      'a transaction whose connection TypeORM released when it broke',
      Object.assign(new Error('Query runner already released'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
    [
      'a driver error wrapped by TypeORM',
      Object.assign(new Error('Query failed'), { driverError: withCode('57P01', 'terminating connection') }),
    ],
  ])('says yes to %s', (_, error) => {
    expect(isDatabaseConnectionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value')],
    ['a syntax error', withCode('42601', 'syntax error at or near')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    [
      'an HTTP client failing (the socket error is its cause)',
      new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }),
    ],
    ['nothing', undefined],
  ])('says no to %s', (_, error) => {
    expect(isDatabaseConnectionError(error)).toBe(false);
  });
});

describe('asOutageError', () => {
  it('turns a lost database into a 503 error with a time to come back', () => {
    const error = asOutageError(withCode('57P01'));
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', extensions: { retryAfter: expect.any(Number) } });
  });

  it('turns a closed Redis connection into a 503 error too', () => {
    expect(asOutageError(new Error('Connection is closed.'))).toBeInstanceOf(RedisUnavailableError);
    expect(asOutageError(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBeInstanceOf(
      RedisUnavailableError,
    );
  });

  it('leaves every other failure alone (it stays a 500)', () => {
    expect(asOutageError(new Error('boom'))).toBeUndefined();
    expect(asOutageError(withCode('23505'))).toBeUndefined();
  });
});
