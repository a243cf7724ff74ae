import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommonPasswordList } from '../../application/common-password-list.js';

const FILE_NAME = 'common-passwords.txt';

/**
 * Beside this source file (dev, tests), else from the working directory: the compiled code in dist/
 * has no copy of the .txt, so a built image must ship it at this path relative to its working directory.
 */
export const COMMON_PASSWORDS_FILE_CANDIDATES: readonly string[] = [
  fileURLToPath(new URL(`./${FILE_NAME}`, import.meta.url)),
  path.resolve('libs/auth/src/infrastructure/security', FILE_NAME),
];

export function locateCommonPasswordsFile(candidates: readonly string[] = COMMON_PASSWORDS_FILE_CANDIDATES): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(`The common passwords list (${FILE_NAME}) is missing; looked in: ${candidates.join(', ')}`);
  }
  return found;
}

/** One password per line; blank lines and lines starting with `#` are skipped. */
export function parseCommonPasswords(text: string): Set<string> {
  const passwords = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const password = normalize(line);
    if (password !== '' && !password.startsWith('#')) passwords.add(password);
  }
  return passwords;
}

function normalize(password: string): string {
  return password.trim().toLowerCase();
}

/** The shipped list (see the file's header for its source), read once at construction. */
@Injectable()
export class FileCommonPasswordList extends CommonPasswordList {
  private readonly passwords: ReadonlySet<string>;

  constructor() {
    super();
    this.passwords = parseCommonPasswords(readFileSync(locateCommonPasswordsFile(), 'utf8'));
  }

  get size(): number {
    return this.passwords.size;
  }

  contains(password: string): boolean {
    return this.passwords.has(normalize(password));
  }
}
