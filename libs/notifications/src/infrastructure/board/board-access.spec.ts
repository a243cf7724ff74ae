import { describe, expect, it } from '@jest/globals';
import { boardTokenOf, isBoardRoute } from './board-access.js';

describe('board access', () => {
  it('takes the bearer header first, then the board cookie', () => {
    expect(boardTokenOf({ authorization: 'Bearer abc', cookie: 'techtrek_board=def' })).toBe('abc');
    expect(boardTokenOf({ cookie: 'a=1; techtrek_board=def%2E; b=2' })).toBe('def.');
    expect(boardTokenOf({ authorization: 'Basic abc' })).toBeUndefined();
    expect(boardTokenOf({ cookie: 'techtrek_board=' })).toBeUndefined();
    expect(boardTokenOf({})).toBeUndefined();
  });

  it('recognises the board routes by pattern', () => {
    expect(isBoardRoute('/admin/queues')).toBe(true);
    expect(isBoardRoute('/admin/queues/api/queues')).toBe(true);
    expect(isBoardRoute('/admin/queuesx')).toBe(false);
    expect(isBoardRoute('/admin/notifications/broadcast')).toBe(false);
    expect(isBoardRoute(undefined)).toBe(false);
  });
});
