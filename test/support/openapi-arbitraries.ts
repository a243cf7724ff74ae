import fc from 'fast-check';
import {
  hostileBodyText,
  hostileString,
  isWellFormed,
  POLLUTION_KEYS,
  toJsonText,
  type JsonValue,
} from './hostile-values.js';
import {
  SchemaArbitraries,
  type FuzzWorld,
  type Mutation,
  type Schema,
  type SchemaComponents,
} from './schema-arbitraries.js';
import { BOUNDARY, headerSet, multipartBody } from './hostile-request-parts.js';

export type { FuzzWorld } from './schema-arbitraries.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
export interface OpenApiDocument extends SchemaComponents {
  paths: Record<string, Record<string, OperationObject>>;
}
interface OperationObject {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { contentType: string; schema: Schema };
  secured: boolean;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
        return {
          method: method.toUpperCase(),
          path,
          parameters: operation.parameters ?? [],
          body: media ? { contentType, schema: media.schema } : undefined,
          secured: (operation.security ?? []).length > 0,
        };
      }),
  );
}

/** Every request the fuzzer may send to one operation: path, query, headers and body all varied. */
export function requestArbitrary(
  document: OpenApiDocument,
  operation: Operation,
  world: FuzzWorld,
): fc.Arbitrary<FuzzRequest> {
  const schemas = new SchemaArbitraries(document, world);
  return fc.oneof(
    { arbitrary: requests(schemas, operation, world, 'plausible'), weight: 1 },
    { arbitrary: requests(schemas, operation, world, 'hostile'), weight: 2 },
  );
}

/**
 * Plausible requests are what a client with a bug sends: real ids, declared parameters and a body
 * of the right shape with at most one thing wrong, so they get past validation to the database.
 * Hostile ones vary everything at once.
 */
type Mode = 'plausible' | 'hostile';

function requests(schemas: SchemaArbitraries, operation: Operation, world: FuzzWorld, mode: Mode) {
  const parameters = (place: Parameter['in']) => operation.parameters.filter((parameter) => parameter.in === place);
  const pathValues = fc.tuple(
    ...parameters('path').map((parameter) =>
      mode === 'hostile' ? pathSegment(parameter, world) : knownSegment(parameter, world),
    ),
  );
  const noBody = mode === 'hostile' ? fc.option(hostileBodyText, { freq: 5, nil: undefined }) : fc.constant(undefined);
  const body = operation.body ? bodyText(schemas, operation.body, mode) : noBody;
  const declaredHeaders = parameters('header').map((parameter) => parameter.name.toLowerCase());
  return fc
    .record({
      pathValues,
      query: queryString(parameters('query'), schemas, mode),
      headers: mode === 'hostile' ? headerSet(declaredHeaders) : fc.constant<Record<string, string>>({}),
      body,
    })
    .map(({ pathValues: values, query, headers, body: payload }) => {
      let index = 0;
      const path = operation.path.replace(/\{[^}]+\}/g, () => values[index++]);
      const contentType =
        headers['content-type'] ?? (payload === undefined ? undefined : defaultContentType(operation));
      return {
        method: operation.method,
        url: query ? `${path}?${query}` : path,
        headers: { ...headers, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
        ...(payload === undefined ? {} : { payload }),
      };
    });
}

function defaultContentType(operation: Operation): string {
  const declared = operation.body?.contentType ?? 'application/json';
  return declared.startsWith('multipart/') ? `${declared}; boundary=${BOUNDARY}` : declared;
}

function knownSegment(parameter: Parameter, world: FuzzWorld): fc.Arbitrary<string> {
  const numeric = ['integer', 'number'].includes(parameter.schema?.type ?? '');
  const known = numeric ? world.ids.map(String) : (world.strings[parameter.name] ?? []);
  return fc.constantFrom(...known.map(encodeURIComponent), '1');
}

/** Percent-encoded path segments: real ids, other users' ids, boundaries, wrong types, unicode. */
function pathSegment(parameter: Parameter, world: FuzzWorld): fc.Arbitrary<string> {
  const numeric = ['integer', 'number'].includes(parameter.schema?.type ?? '');
  const known = numeric ? world.ids.map(String) : (world.strings[parameter.name] ?? []);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known, '1'), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        '0',
        '-1',
        '2147483647',
        '2147483648',
        '9223372036854775808',
        '1e3',
        '0x10',
        '1.5',
        '+1',
      ),
      weight: 3,
    },
    {
      arbitrary: hostileString.filter((text) => text.length < 150 && isWellFormed(text)).map(encodeURIComponent),
      weight: 3,
    },
    // Already-encoded: a bad escape, an encoded NUL, an encoded lone surrogate (invalid UTF-8), a dot segment.
    { arbitrary: fc.constantFrom('%', '%ZZ', '%00', '%ED%A0%80', '..', '%2E%2E%2F%2E%2E', ';x=1'), weight: 1 },
  );
}

function queryString(parameters: Parameter[], schemas: SchemaArbitraries, mode: Mode): fc.Arbitrary<string> {
  // Cursors are opaque and per list: a made-up one is a 400, so plausible requests start at page one.
  const sent = mode === 'plausible' ? parameters.filter((parameter) => parameter.name !== 'cursor') : parameters;
  const declared = sent.map((parameter) => {
    const valid = schemas.forSchema(parameter.schema ?? {}).map((value) => [queryText(value)]);
    const values =
      mode === 'plausible'
        ? valid
        : fc.oneof(
            valid,
            hostileString.map((value) => [value]),
            fc.array(fc.oneof(hostileString, fc.constantFrom('1', '20', '100')), { minLength: 2, maxLength: 3 }),
          );
    return fc
      .option(values, { nil: undefined })
      .map((chosen) => (chosen ?? []).map((value) => [parameter.name, value] as const));
  });
  const unknown = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...POLLUTION_KEYS, '__proto__[polluted]', 'constructor[prototype][polluted]', 'limit[]', 'a.b'),
        fc.string({ minLength: 1, maxLength: 10 }),
      ),
      hostileString,
    ),
    { maxLength: mode === 'plausible' ? 0 : 2 },
  );
  return fc.tuple(fc.tuple(...declared), unknown).map(([known, extra]) =>
    [...known.flat(), ...extra]
      .filter(([name, value]) => isWellFormed(name) && isWellFormed(value))
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&'),
  );
}

function queryText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return toJsonText(value);
}

function bodyText(
  schemas: SchemaArbitraries,
  body: NonNullable<Operation['body']>,
  mode: Mode,
): fc.Arbitrary<string | undefined> {
  if (body.contentType.startsWith('multipart/')) return multipartBody();
  const valid = schemas.forSchema(body.schema);
  const mutated = (maxLength: number) =>
    fc.tuple(valid, fc.array(schemas.mutation(body.schema), { minLength: 1, maxLength })).map(applyMutations);
  if (mode === 'plausible') return fc.oneof(valid.map(toJsonText), mutated(1));
  return fc.oneof(
    { arbitrary: valid.map(toJsonText), weight: 1 },
    { arbitrary: mutated(3), weight: 6 },
    { arbitrary: hostileBodyText, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

function applyMutations([value, mutations]: [JsonValue, Mutation[]]): string {
  return toJsonText(mutations.reduce((current, mutate) => mutate(current), value));
}
