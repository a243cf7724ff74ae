import { describe, expect, it } from '@jest/globals';
import { revisionsFromIfMatch, revisionTag } from './revision-tags.js';

describe('revision tags', () => {
  it('round-trips a revision through ETag and If-Match', () => {
    expect(revisionTag(7)).toBe('"r7"');
    expect(revisionsFromIfMatch(revisionTag(7))).toEqual([7]);
  });

  it('accepts any revision without a header or with *', () => {
    expect(revisionsFromIfMatch(undefined)).toBeUndefined();
    expect(revisionsFromIfMatch('*')).toBeUndefined();
    expect(revisionsFromIfMatch('"r1", *')).toBeUndefined();
  });

  it('reads every strong tag of a list', () => {
    expect(revisionsFromIfMatch('"r1", "r12" ,"r3"')).toEqual([1, 12, 3]);
  });

  it('matches nothing for weak, foreign or malformed tags', () => {
    for (const header of ['W/"r3"', '"3"', 'r3', '"r-1"', '"r1e3"', '', '"r9999999999"']) {
      expect(revisionsFromIfMatch(header)).toEqual([]);
    }
  });
});
