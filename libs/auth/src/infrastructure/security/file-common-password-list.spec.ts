import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  COMMON_PASSWORDS_FILE_CANDIDATES,
  FileCommonPasswordList,
  locateCommonPasswordsFile,
  parseCommonPasswords,
} from './file-common-password-list.js';

const list = new FileCommonPasswordList();

describe('FileCommonPasswordList', () => {
  it.each(['password', 'Password123', ' qwertyuiop ', 'QWERTYUIOP', '\tiloveyou123\n', '1234567890'])(
    'finds the common password %j whatever its case and surrounding whitespace',
    (password) => {
      expect(list.contains(password)).toBe(true);
    },
  );

  it.each(['lantern tangerine quietly orbits 84 herons', 'vX3q-Tk9e_WmR2zLh7Pa'])(
    'does not find the uncommon password %j',
    (password) => {
      expect(list.contains(password)).toBe(false);
    },
  );

  it('does not treat the header comments or an empty string as passwords', () => {
    expect(list.contains('')).toBe(false);
    expect(list.contains('# Source')).toBe(false);
  });
});

describe('common-passwords.txt', () => {
  const text = readFileSync(locateCommonPasswordsFile(), 'utf8');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const header = lines.filter((line) => line.startsWith('#'));
  const entries = lines.filter((line) => !line.startsWith('#'));

  it('opens with a three-line header naming its source, and has no empty lines', () => {
    expect(header).toEqual(lines.slice(0, 3));
    expect(header.join('\n')).toMatch(/@zxcvbn-ts\/language-common .*MIT/);
    expect(lines.filter((line) => line.trim() === '')).toEqual([]);
  });

  it('holds 5,000 to 10,000 unique, trimmed, lower-cased entries, 1,000+ of them 10+ characters long', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5_000);
    expect(entries.length).toBeLessThanOrEqual(10_000);
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.filter((entry) => entry !== entry.trim().toLowerCase())).toEqual([]);
    expect(entries.filter((entry) => [...entry].length >= 10).length).toBeGreaterThanOrEqual(1_000);
    expect(list.size).toBe(entries.length);
  });
});

describe('locateCommonPasswordsFile', () => {
  it('looks beside the source first, then under the working directory', () => {
    expect(COMMON_PASSWORDS_FILE_CANDIDATES).toHaveLength(2);
    expect(locateCommonPasswordsFile()).toBe(COMMON_PASSWORDS_FILE_CANDIDATES[0]);
    expect(locateCommonPasswordsFile(['/nonexistent/a.txt', COMMON_PASSWORDS_FILE_CANDIDATES[1]!])).toBe(
      COMMON_PASSWORDS_FILE_CANDIDATES[1],
    );
  });

  it('says which paths it tried when the list is nowhere', () => {
    expect(() => locateCommonPasswordsFile(['/nonexistent/a.txt', '/nonexistent/b.txt'])).toThrow(
      'The common passwords list (common-passwords.txt) is missing; looked in: /nonexistent/a.txt, /nonexistent/b.txt',
    );
  });
});

describe('parseCommonPasswords', () => {
  it('skips comments and blank lines, trims, lower-cases and removes duplicates', () => {
    expect([...parseCommonPasswords('# header\n\n Secret1 \r\nsecret1\n  \nOther\n')]).toEqual(['secret1', 'other']);
  });
});
