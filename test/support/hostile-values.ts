import fc from 'fast-check';

/**
 * A JSON value as the fuzzer means to send it, byte for byte. Plain JS objects cannot carry a
 * `__proto__` key through JSON.stringify (an object literal's `__proto__` sets the prototype), and
 * JSON.stringify cannot write `1e999` or a body cut in half; these two wrappers can.
 */
export class RawJson {
  constructor(readonly text: string) {}
}
export class JsonObject {
  constructor(readonly entries: [string, JsonValue][]) {}
}
export type JsonValue = string | number | boolean | null | RawJson | JsonObject | JsonValue[];

export function toJsonText(value: JsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  return JSON.stringify(value);
}

/** Lone surrogates cannot be percent-encoded (nor written as UTF-8): such text only goes in JSON. */
export function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Text an attacker tries on a SQL-backed API; each must be stored or refused as plain data. */
export const SQL_METACHARACTERS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' AND pg_sleep(3) IS NULL --",
  "Robert'); DELETE FROM lessons;--",
  "%' UNION SELECT 1 --",
  'back\\slash\\',
  '$1 $$ $tag$',
  '%00 %2527 %',
  '/* */ ; -- #',
] as const;

/** Well-formed Unicode a database and a JSON encoder must keep as is. */
export const UNICODE_EDGES = [
  'right\u202Eto\u202Cleft \u200Fמה\u200E',
  'zero\u200Bwidth\u200D\uFEFFjoin',
  '🧑‍💻 🏳️‍🌈 👍🏽',
  'e\u0301 \u0130\u0131 \u00DF \uFB03',
  '\uFFFD \uFFFF \u{10FFFF} \uFDFA',
  '<script>alert(1)</script>',
  '{{7*7}} ${7*7} #{7*7}',
  '../../../../etc/passwd',
] as const;

/** Text no column can hold as sent: the API refuses it with a 400 (validation pipe). */
export const UNSAFE_TEXT = ['nul\u0000byte', 'lone\uD800high', 'lone\uDFFFlow', '\uDBFF'] as const;

/** Prototype-pollution keys, each meant to be sent raw in JSON text. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
export const POLLUTION_MARKERS = ['polluted', 'isAdmin', 'tampered'] as const;

export const pollutionPayload = (key: string): JsonValue =>
  key === 'constructor'
    ? new JsonObject([['prototype', new JsonObject([['polluted', 'yes']])]])
    : new JsonObject([
        ['polluted', 'yes'],
        ['isAdmin', true],
        ['tampered', new JsonObject([['role', 'admin']])],
      ]);

/** A little under the 1 MiB body limit, and a little over it, once built. */
const HUGE_LENGTHS = [1_000_000, 1_100_000];
const huge = new Map<number, string>();
const hugeString = (length: number) => huge.get(length) ?? huge.set(length, 'x'.repeat(length)).get(length)!;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_METACHARACTERS, ...UNICODE_EDGES, ...UNSAFE_TEXT), weight: 6 },
  { arbitrary: fc.constantFrom('', ' ', '\t\n', '0', 'null', 'true', '-1', '1e3', '2147483648'), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
  // 'binary' units include lone surrogates, which JSON.stringify escapes and JSON.parse restores.
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.integer({ min: 200, max: 20_000 }).map((length) => 'a'.repeat(length)), weight: 1 },
  { arbitrary: fc.constantFrom(...HUGE_LENGTHS).map(hugeString), weight: 1 },
);

export const BOUNDARY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  1e-7,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
];
/** Number tokens JSON.stringify cannot write: Infinity after parsing, or digits beyond a double. */
export const RAW_NUMBERS = ['1e999', '-1e999', '123456789012345678901234567890', '-0.0', '1E+2', '0.1e-999'];

const deeplyNested = fc
  .tuple(fc.integer({ min: 30, max: 20_000 }), fc.boolean())
  .map(([depth, asObjects]) =>
    asObjects
      ? new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
      : new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`),
  );

/** Any JSON value a hostile client might put where the schema wants something else. */
export const hostileJson: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileString, weight: 5 },
    { arbitrary: fc.constantFrom<JsonValue>(...BOUNDARY_NUMBERS, true, false, null), weight: 4 },
    { arbitrary: fc.constantFrom(...RAW_NUMBERS).map((text) => new RawJson(text)), weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 2 },
    {
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 8 })), tie('value')), {
          maxLength: 4,
        })
        .map((entries) => new JsonObject(entries)),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(...POLLUTION_KEYS).map((key) => new JsonObject([[key, pollutionPayload(key)]])),
      weight: 1,
    },
    { arbitrary: deeplyNested, weight: 1 },
  ),
})).value;

/** Whole bodies that are not a JSON object at all, or not JSON. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '[]',
    'null',
    '"text"',
    '42',
    'true',
    '',
    ' ',
    '{',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    '\uFEFF{}',
  ),
  fc.constantFrom(...POLLUTION_KEYS).map((key) => toJsonText(new JsonObject([[key, pollutionPayload(key)]]))),
  deeplyNested.map((raw) => raw.text),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(...HUGE_LENGTHS).map((length) => JSON.stringify({ padding: hugeString(length) })),
);
