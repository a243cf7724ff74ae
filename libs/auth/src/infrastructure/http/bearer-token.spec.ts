import { describe, expect, it } from '@jest/globals';
import { bearerTokenOf } from './bearer-token.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
const of = (authorization?: string) => bearerTokenOf({ headers: { authorization } });

describe('bearerTokenOf', () => {
  it.each(['Bearer', 'bearer', 'BEARER'])('reads the token after the %s scheme', (scheme) => {
    expect(of(`${scheme} ${TOKEN}`)).toBe(TOKEN);
    expect(of(`${scheme}   ${TOKEN}`)).toBe(TOKEN);
  });

  it.each([
    ['no header', undefined],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['no scheme', TOKEN],
    ['another scheme', `Token ${TOKEN}`],
    ['the scheme glued to the token', `Bearer${TOKEN}`],
    ['a word after the token', `Bearer ${TOKEN} junk`],
    ['a second credential', `Bearer ${TOKEN}, Bearer ${TOKEN}`],
    ['a character token68 does not have', `Bearer ${TOKEN}!`],
  ])('finds none with %s', (_label, header) => {
    expect(of(header)).toBeNull();
  });
});
