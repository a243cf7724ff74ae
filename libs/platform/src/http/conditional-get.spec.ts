import { describe, expect, it } from '@jest/globals';
import { EtagMemo } from './conditional-get.js';

describe('EtagMemo', () => {
  it('gives the same strong tag to the same bytes, whichever string holds them', () => {
    const memo = new EtagMemo();
    const body = JSON.stringify({ id: 1, title: 'The Internet' });
    const copy = JSON.parse(JSON.stringify({ body })).body as string;

    expect(memo.tagOf(body)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(memo.tagOf(copy)).toBe(memo.tagOf(body));
    expect(new EtagMemo().tagOf(body)).toBe(memo.tagOf(body));
  });

  it('gives different bytes different tags', () => {
    const memo = new EtagMemo();
    expect(memo.tagOf('{"id":1}')).not.toBe(memo.tagOf('{"id":2}'));
  });

  it('keeps at most its bound, dropping the oldest, and never keeps large bodies', () => {
    const memo = new EtagMemo(2, 10);
    const first = memo.tagOf('a');
    memo.tagOf('b');
    memo.tagOf('c');
    memo.tagOf('x'.repeat(11));

    expect(memo.size).toBe(2);
    expect(memo.tagOf('a')).toBe(first);
  });
});
