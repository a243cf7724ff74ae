/**
 * The architecture's dependency rules (docs/adr/0002). `npm test` fails on any violation;
 * test/dependency-rules.e2e-spec.ts proves each rule bites.
 */
const FRAMEWORKS =
  '(^|/)node_modules/(@nestjs|typeorm|ioredis|bullmq|pg|fastify|@fastify|class-validator|class-transformer|@sentry)(/|$)';
const PLATFORM_PUBLIC = '^libs/platform/src/(index|kernel/index|testing/index)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain-typescript',
      comment: 'domain/ holds behaviour only: no framework, ORM, Redis or queue imports.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'domain-depends-on-domain-only',
      comment: 'domain/ may import other domain code and the platform kernel, nothing else of ours.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: {
        path: '^(libs|apps|migrations)/',
        pathNot: ['^libs/[^/]+/src/domain/', '^libs/platform/src/kernel/'],
      },
    },
    {
      name: 'application-never-imports-infrastructure',
      comment: 'Use cases talk to ports; adapters live in infrastructure/ and are bound by the module.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/application/' },
      to: { path: '^libs/[^/]+/src/infrastructure/' },
    },
    {
      name: 'libs-meet-only-through-public-api',
      comment: 'A lib reaches another lib only through its index.ts (the platform also offers kernel and testing).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', PLATFORM_PUBLIC, '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-use-libs-public-api',
      comment: 'Apps are composition roots: they import libs by their public entry points only.',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: { path: '^libs/', pathNot: [PLATFORM_PUBLIC, '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // A cycle closed only by `import type` is erased at compile time: no load-order trap.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // openapi-metadata.ts is generated (the swagger plugin imports controllers and DTOs directly).
    exclude: { path: ['(^|/)(dist|coverage|\\.data)/', '^apps/api/src/openapi-metadata\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
