import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestHarness } from './support/test-harness.js';

interface SchemaObject {
  properties?: Record<string, { example?: unknown; $ref?: string; allOf?: unknown[]; items?: { $ref?: string } }>;
}

describe('OpenAPI document', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let document: {
    components: { schemas: Record<string, SchemaObject> };
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
    document = (await api.inject({ method: 'GET', url: '/docs-json' })).json();
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
            property.example === undefined && !property.$ref && !property.allOf && !property.items?.$ref,
        )
        .map(([property]) => `${name}.${property}`),
    );
    expect(missing).toEqual([]);
  });

  it('declares the bearer scheme on private routes and none on public ones', () => {
    expect(document.paths['/me'].get.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/auth/login'].post.security).toBeUndefined();
  });
});
