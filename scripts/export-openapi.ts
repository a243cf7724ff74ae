/**
 * Writes the live OpenAPI document (what `/docs-json` serves) to a file, default
 * `clients/techtrek-api/openapi.json`: `npm run client` and `npm run openapi:lint` start here.
 * Boots the real API app without listening, with throwaway settings: it needs a PostgreSQL and a
 * Redis to boot (DATABASE_URL / REDIS_URL, the local ones by default) but reads or writes no data.
 * Usage: node --import @swc-node/register/esm-register scripts/export-openapi.ts [output.json]
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { validateEnvironment } from '@techtrek/platform';
import { createApiApp } from '../apps/api/src/bootstrap.js';

const output = process.argv[2] ?? 'clients/techtrek-api/openapi.json';

const environment = validateEnvironment({
  NODE_ENV: 'test',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  DATABASE_POOL_SIZE: '1',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: `openapi-export-${process.pid}:`,
  LOG_LEVEL: 'silent',
  SWAGGER_ENABLED: 'true',
});

const app = await createApiApp(environment);
try {
  await app.init();
  const response = await app.inject({ method: 'GET', url: '/docs-json' });
  if (response.statusCode !== 200) throw new Error(`/docs-json answered ${response.statusCode}`);
  mkdirSync(dirname(output), { recursive: true });
  // Formatted as the repository's Prettier check wants it, whichever script exported it (`client`,
  // `openapi:lint`): a regenerated file differs from the committed one only where the API did.
  const options = { ...(await resolveConfig(output)), filepath: output };
  writeFileSync(output, await format(JSON.stringify(response.json(), null, 2), options));
  process.stdout.write(`OpenAPI document written to ${output}\n`);
} finally {
  await app.close();
}
