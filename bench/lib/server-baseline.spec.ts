import { describe, expect, it } from '@jest/globals';
import { routeOf } from './server-baseline.js';

describe('server baseline route', () => {
  it('is the request method and path without the query, which Fastify does not route on', () => {
    expect(routeOf({ method: 'POST', path: '/progress' })).toEqual({ method: 'POST', url: '/progress' });
    expect(routeOf({ method: 'GET', path: '/lessons?limit=20&cursor=a?b' })).toEqual({
      method: 'GET',
      url: '/lessons',
    });
  });
});
