import { describe, expect, it } from '@jest/globals';
import { parseByteRange } from './byte-range.js';

describe('parseByteRange', () => {
  it.each([
    ['the first bytes', 'bytes=0-99', { start: 0, end: 99 }],
    ['a middle slice', 'bytes=100-199', { start: 100, end: 199 }],
    ['from an offset to the end', 'bytes=900-', { start: 900, end: 999 }],
    ['an end past the file, clipped', 'bytes=900-5000', { start: 900, end: 999 }],
    ['the last bytes (suffix)', 'bytes=-100', { start: 900, end: 999 }],
    ['a suffix longer than the file', 'bytes=-5000', { start: 0, end: 999 }],
    ['one byte', 'bytes=0-0', { start: 0, end: 0 }],
    ['surrounding whitespace', ' bytes=0-9 ', { start: 0, end: 9 }],
  ])('honours %s', (_label, header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it.each([
    ['an absent header', undefined],
    ['another unit', 'items=0-9'],
    ['several ranges', 'bytes=0-9,20-29'],
    ['no positions', 'bytes=-'],
    ['an end before the start', 'bytes=10-5'],
    ['non-digits', 'bytes=a-b'],
    ['a negative start', 'bytes=--5'],
    ['a number too long to be exact', `bytes=${'9'.repeat(16)}-`],
  ])('ignores %s (the whole file is sent)', (_label, header) => {
    expect(parseByteRange(header, 1000)).toBeUndefined();
  });

  it.each([
    ['a start at the end', 'bytes=1000-'],
    ['a start past the end', 'bytes=5000-6000'],
    ['an empty suffix', 'bytes=-0'],
  ])('sends the whole file for %s (RFC 9110 lets a server ignore any Range)', (_label, header) => {
    expect(parseByteRange(header, 1000)).toBeUndefined();
  });

  it('sends an empty file whole whatever the range', () => {
    expect(parseByteRange('bytes=0-', 0)).toBeUndefined();
    expect(parseByteRange('bytes=-10', 0)).toBeUndefined();
  });
});
