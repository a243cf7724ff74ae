import fc from 'fast-check';
import {
  hostileJson,
  JsonObject,
  POLLUTION_KEYS,
  pollutionPayload,
  RawJson,
  toJsonText,
  type JsonValue,
} from './hostile-values.js';

/** The slice of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

/** Where `$ref`s point. */
export interface SchemaComponents {
  components: { schemas: Record<string, Schema> };
}

/** What the fuzzer knows of the world: ids and names that exist, so some requests get past a 404. */
export interface FuzzWorld {
  ids: number[];
  strings: Record<string, string[]>;
}

export type Mutation = (value: JsonValue) => JsonValue;

/** Schema-shaped values, and mutations of them, for one document and world. */
export class SchemaArbitraries {
  constructor(
    private readonly document: SchemaComponents,
    private readonly world: FuzzWorld,
  ) {}

  resolve(schema: Schema): Schema {
    if (!schema.$ref)
      return schema.allOf?.length === 1 ? { ...schema, ...this.resolve(schema.allOf[0]), allOf: undefined } : schema;
    return this.resolve(this.document.components.schemas[schema.$ref.split('/').pop()!] ?? {});
  }

  /** A value the schema accepts, or close to it: what a well-behaved client sends. */
  forSchema(input: Schema, depth = 0): fc.Arbitrary<JsonValue> {
    const schema = this.resolve(input);
    const value = this.shaped(schema, depth);
    return schema.nullable ? fc.option(value, { freq: 6, nil: null }) : value;
  }

  private shaped(schema: Schema, depth: number): fc.Arbitrary<JsonValue> {
    if (schema.enum?.length) return fc.constantFrom(...(schema.enum as JsonValue[]));
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants?.length) return fc.oneof(...variants.map((variant) => this.forSchema(variant, depth + 1)));
    const example = schema.example === undefined ? [] : [fc.constant(schema.example as JsonValue)];
    return fc.oneof(...example, ...example, this.byType(schema, depth));
  }

  private byType(schema: Schema, depth: number): fc.Arbitrary<JsonValue> {
    switch (schema.type) {
      case 'integer':
      case 'number':
        return fc.oneof(
          fc.constantFrom(...this.world.ids),
          fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) }),
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4
          ? fc.constant([])
          : fc.array(this.forSchema(schema.items ?? {}, depth + 1), { minLength: schema.minItems ?? 0, maxLength: 3 });
      case 'object':
        return depth > 4 ? fc.constant(new JsonObject([])) : this.object(schema, depth);
      default:
        return this.string(schema);
    }
  }

  private string(schema: Schema): fc.Arbitrary<JsonValue> {
    if (schema.format === 'date-time') {
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    }
    if (schema.format === 'email') return fc.emailAddress();
    const minLength = schema.minLength ?? 0;
    return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<JsonValue> {
    const properties = Object.entries(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    return fc
      .tuple(
        ...properties.map(([name, property]) =>
          required.has(name)
            ? this.forSchema(property, depth + 1).map((value) => [name, value] as [string, JsonValue])
            : fc.option(
                this.forSchema(property, depth + 1).map((value) => [name, value] as [string, JsonValue]),
                { nil: undefined },
              ),
        ),
      )
      .map((entries) => new JsonObject(entries.filter((entry): entry is [string, JsonValue] => entry !== undefined)));
  }

  /** One change that makes a valid body hostile: a property wrong, missing or extra, or a pollution key. */
  mutation(input: Schema): fc.Arbitrary<Mutation> {
    const schema = this.resolve(input);
    const names = [...Object.keys(schema.properties ?? {}), 'unknownField'];
    const setProperty = fc.tuple(fc.constantFrom(...names), hostileJson).map(
      ([name, replacement]): Mutation =>
        (value) =>
          withEntry(value, name, replacement),
    );
    const dropProperty = fc.constantFrom(...names).map(
      (name): Mutation =>
        (value) =>
          withoutEntry(value, name),
    );
    const pollute = fc.constantFrom(...POLLUTION_KEYS).map(
      (key): Mutation =>
        (value) =>
          prepend(value, key, pollutionPayload(key)),
    );
    // Optional is not nullable: `{"title": null}` is the classic way past `@IsOptional()`.
    const nullProperty = fc.constantFrom(...names).map(
      (name): Mutation =>
        (value) =>
          withEntry(value, name, null),
    );
    const wrapInArray = fc.constant<Mutation>((value) => [value, value]);
    return fc.oneof(
      { arbitrary: setProperty, weight: 6 },
      { arbitrary: dropProperty, weight: 2 },
      { arbitrary: nullProperty, weight: 2 },
      { arbitrary: pollute, weight: 2 },
      { arbitrary: wrapInArray, weight: 1 },
    );
  }
}

function withEntry(value: JsonValue, name: string, replacement: JsonValue): JsonValue {
  if (!(value instanceof JsonObject)) return value;
  return new JsonObject([...value.entries.filter(([key]) => key !== name), [name, replacement]]);
}

function withoutEntry(value: JsonValue, name: string): JsonValue {
  return value instanceof JsonObject ? new JsonObject(value.entries.filter(([key]) => key !== name)) : value;
}

/** A pollution key first, before the fields a parser would otherwise stop at. */
function prepend(value: JsonValue, key: string, payload: JsonValue): JsonValue {
  return value instanceof JsonObject
    ? new JsonObject([[key, payload], ...value.entries])
    : new RawJson(`{"${key}":${toJsonText(payload)}}`);
}
