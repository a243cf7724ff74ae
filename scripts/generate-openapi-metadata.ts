/**
 * Writes `apps/api/src/openapi-metadata.ts`: what the @nestjs/swagger CLI plugin learns from DTOs
 * (types, optionality, class-validator rules, JSDoc comments and `@example`s), as a module the API
 * loads with `SwaggerModule.loadPluginMetadata`. Under ESM this replaces the plugin's inline
 * `require()`s, and it also documents DTOs in tests, where swc (not tsc) compiles. Generated; not
 * committed. `npm run build`, `npm test` and `npm run dev:api` run it first.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';

const OUTPUT_DIR = 'apps/api/src';
const FILE_NAME = 'openapi-metadata.ts';
const target = `${OUTPUT_DIR}/${FILE_NAME}`;

// The API imports this file, so the program the generator reads must compile before it exists.
if (!existsSync(target)) writeFileSync(target, 'export default async () => ({});\n');

new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts'],
      pathToSource: OUTPUT_DIR,
    }),
  ],
  outputDir: OUTPUT_DIR,
  filename: FILE_NAME,
  tsconfigPath: 'apps/api/tsconfig.app.json',
  printDiagnostics: false,
});
