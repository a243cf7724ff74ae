import fc from 'fast-check';

export const BOUNDARY = 'fuzz-boundary';

const HEADER_VALUES: Record<string, string[]> = {
  'idempotency-key': [
    '3f1c9a52-0b7e-4d52-9d0c-5b1f0f0c2a11',
    '',
    ' ',
    'a'.repeat(300),
    'a:b',
    "' OR 1=1 --",
    'caf\u00e9',
  ],
  'if-none-match': ['*', '"r1"', 'W/"r1"', '"r2147483648"', '"r-1"', 'garbage', '"', '"r1", "r2"', ''],
  'if-match': ['*', '"r1"', 'W/"r1"', '"r2147483648"', '"r-1"', 'garbage', '"', '"r1", "r2"', ''],
  'content-type': [
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-16',
    'application/json; charset=latin1',
    'APPLICATION/JSON',
    'application/json;',
    'application/json; charset=',
    'application/problem+json',
    'application/vnd.api+json',
    'text/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    '',
  ],
  accept: ['*/*', 'application/json', 'application/problem+json', 'text/html', 'application/xml', '', ';;;', 'image/*'],
};

/** Headers the API reads, each absent, right, or wrong; the operation's own header params first. */
export function headerSet(declared: string[]): fc.Arbitrary<Record<string, string>> {
  const names = [...new Set([...declared, 'idempotency-key', 'if-none-match', 'if-match', 'content-type', 'accept'])];
  const chances = names.map((name) =>
    fc
      .option(fc.constantFrom(...(HEADER_VALUES[name] ?? ['x'])), {
        freq: declared.includes(name) ? 2 : name === 'content-type' ? 3 : 4,
        nil: undefined,
      })
      .map((value) => [name, value] as const),
  );
  return fc
    .tuple(...chances)
    .map((pairs) =>
      Object.fromEntries(pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined)),
    );
}

/** Multipart bodies for the upload route: hostile file names and types, missing or broken parts. */
export function multipartBody(): fc.Arbitrary<string | undefined> {
  const part = fc
    .record({
      name: fc.constantFrom('file', 'other', '', '"'),
      filename: fc.constantFrom('a.png', '../../etc/passwd', 'a"b.png', '', 'x'.repeat(300), "' OR 1=1 --.png"),
      type: fc.constantFrom('image/png', 'text/html', 'application/x-msdownload', '', 'image/svg+xml'),
      content: fc.constantFrom('\u0089PNG\r\n\u001a\n', '<svg onload=alert(1)>', '', 'GIF89a'),
    })
    .map(
      ({ name, filename, type, content }) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n${content}\r\n`,
    );
  return fc.oneof(
    fc.array(part, { maxLength: 3 }).map((parts) => `${parts.join('')}--${BOUNDARY}--\r\n`),
    fc.constantFrom(`--${BOUNDARY}\r\nbroken`, '', 'not multipart at all'),
  );
}
