import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { format, resolveConfig } from 'prettier';
import { TestHarness } from './support/test-harness.js';

const run = promisify(execFile);
const CLIENT_DIR = 'clients/techtrek-api';
const DOCUMENT_PATH = `${CLIENT_DIR}/openapi.json`;
const SCHEMA_PATH = `${CLIENT_DIR}/schema.d.ts`;
const REGENERATE = 'the committed client is stale: run `npm run client` and commit clients/techtrek-api';

interface SchemaObject {
  type?: string;
  properties?: Record<string, SchemaProperty>;
}

interface SchemaProperty {
  example?: unknown;
  $ref?: string;
  allOf?: unknown[];
  oneOf?: unknown[];
  nullable?: boolean;
  items?: { $ref?: string };
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { default?: unknown };
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  security?: unknown[];
  responses: Record<string, unknown>;
}

interface OpenApiDocument {
  components: { schemas: Record<string, SchemaObject> };
  paths: Record<string, Record<string, Operation>>;
}

/** The properties and parameters typed `number` (not `integer`), as `Schema.property` or `METHOD /path?name`. */
function fractionalNumbers(document: OpenApiDocument): string[] {
  const found: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    if ((node as SchemaObject).type === 'number') found.push(at);
    for (const [key, child] of Object.entries(node)) visit(child, key === 'properties' ? at : `${at}.${key}`);
  };
  for (const [name, schema] of Object.entries(document.components.schemas)) visit(schema, name);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) visit(operation, `${method.toUpperCase()} ${path}`);
  }
  return found.map((at) => at.replace(/\.schema$/, '')).sort();
}

function operations(document: OpenApiDocument): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  );
}

describe('OpenAPI document', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let document: OpenApiDocument;
  let served: string;

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
    const response = await api.inject({ method: 'GET', url: '/docs-json' });
    document = response.json();
    served = `${JSON.stringify(document, null, 2)}\n`;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('documents DTOs through the swagger plugin, with an example for every plain property', () => {
    const dtos = Object.entries(document.components.schemas).filter(([name]) => name.endsWith('Dto'));
    expect(dtos.length).toBeGreaterThan(5);
    const missing = dtos.flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, property]) =>
            property.example === undefined &&
            !property.$ref &&
            !property.allOf &&
            !property.oneOf &&
            !property.items?.$ref,
        )
        .map(([property]) => `${name}.${property}`),
    );
    expect(missing).toEqual([]);
  });

  it('lets a nullable object property be null: a branch of its own, not `nullable` beside a reference', () => {
    // OpenAPI 3.0 reads `{nullable: true, allOf: [{$ref}]}` as refusing null, and so does Prism.
    const refusingNull = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => property.nullable === true && property.allOf)
        .map(([property]) => `${name}.${property}`),
    );
    expect(refusingNull).toEqual([]);
    expect(document.components.schemas.NotificationPreferencesDto!.properties!.quietHours!.oneOf).toEqual([
      { $ref: '#/components/schemas/QuietHoursDto' },
      { type: 'object', nullable: true, enum: [null] },
    ]);
  });

  it('documents the empty 304 of every cacheable answer and the 206 of a byte range', () => {
    for (const path of ['/topics', '/lessons', '/lessons/{id}', '/media/{key}']) {
      expect({ path, responses: Object.keys(document.paths[path]!.get!.responses) }).toEqual({
        path,
        responses: expect.arrayContaining(['200', '304']),
      });
    }
    expect(document.paths['/media/{key}']!.get!.responses).toHaveProperty('206');
  });

  it('declares the bearer scheme on private routes and an explicitly empty one on public ones', () => {
    expect(document.paths['/me'].get.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/auth/login'].post.security).toEqual([]);
    expect(document.paths['/lessons/{id}'].get.security).toEqual([]);
    const undeclared = operations(document).filter(([, operation]) => !Array.isArray(operation.security));
    expect(undeclared.map(([route]) => route)).toEqual([]);
  });

  it('gives every operation a unique, readable operationId', () => {
    const ids = operations(document).map(([, operation]) => operation.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/lessons'].get.operationId).toBe('lessons_list');
  });

  it('documents error responses as problem documents, 401 wherever a token is needed', () => {
    const problemRef = { $ref: '#/components/schemas/ProblemDocumentDto' };
    expect(document.paths['/lessons/{id}'].get.responses['404']).toMatchObject({
      content: { 'application/problem+json': { schema: problemRef } },
    });
    const withoutUnauthorized = operations(document).filter(
      ([, operation]) => (operation.security ?? []).length > 0 && !operation.responses['401'],
    );
    expect(withoutUnauthorized.map(([route]) => route)).toEqual([]);
  });

  it('makes query parameters with a default optional', () => {
    const required = operations(document).flatMap(([route, operation]) =>
      (operation.parameters ?? [])
        .filter(
          (parameter) => parameter.in === 'query' && parameter.required && parameter.schema?.default !== undefined,
        )
        .map((parameter) => `${route}?${parameter.name}`),
    );
    expect(required).toEqual([]);
  });

  it('types ids and counts as integers; only measured quantities are fractional numbers', () => {
    expect(fractionalNumbers(document)).toEqual([
      'AiStatsDto.costUsd',
      'FeedbackPageDto.averageRating',
      'ProviderStatsDto.costUsd',
      'ProviderStatsDto.helpfulRate',
      'TopicProviderStatsDto.helpfulRate',
    ]);
  });

  it('is lint-clean under redocly recommended (accepted findings only, each with its reason)', async () => {
    // The live document, linted with the repository's config and ignore file at the same relative path.
    const workspace = mkdtempSync(join(tmpdir(), 'techtrek-openapi-lint-'));
    try {
      mkdirSync(join(workspace, CLIENT_DIR), { recursive: true });
      writeFileSync(join(workspace, DOCUMENT_PATH), served);
      for (const file of ['redocly.yaml', '.redocly.lint-ignore.yaml']) copyFileSync(file, join(workspace, file));
      const lint = await run(
        join(process.cwd(), 'node_modules/.bin/redocly'),
        ['lint', DOCUMENT_PATH, '--format=json', '--config=redocly.yaml'],
        { cwd: workspace, env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } },
      ).catch((failure: { stdout: string }) => failure);
      const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 60_000);

  it('is the document the committed client was generated from', () => {
    const committed: unknown = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8'));
    expect({ document: isDeepStrictEqual(document, committed) ? 'current' : REGENERATE }).toEqual({
      document: 'current',
    });
  });

  it('has committed client types that openapi-typescript makes of the committed document', async () => {
    const generated = await run(join(process.cwd(), 'node_modules/.bin/openapi-typescript'), [DOCUMENT_PATH], {
      maxBuffer: 32 * 1024 * 1024,
    });
    const formatted = await format(generated.stdout, { ...(await resolveConfig(SCHEMA_PATH)), filepath: SCHEMA_PATH });
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    expect({ types: formatted === committed ? 'current' : REGENERATE }).toEqual({ types: 'current' });
  }, 60_000);
});
