/** @type {import('jest').Config} */
const aliases = Object.fromEntries(
  ['platform', 'auth', 'lessons', 'progress', 'gamification', 'notifications', 'ai', 'cms', 'analytics'].map((lib) => [
    `^@techtrek/${lib}$`,
    `<rootDir>/libs/${lib}/src/index.ts`,
  ]),
);

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.(ts|js|mjs|cjs)$': '<rootDir>/test/support/swc-esm-transformer.cjs' },
  // ESM files inside node_modules must reach the transformer when a CommonJS package requires them.
  transformIgnorePatterns: [],
  moduleNameMapper: {
    ...aliases,
    '^@techtrek/platform/kernel$': '<rootDir>/libs/platform/src/kernel/index.ts',
    '^@techtrek/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
    '^@techtrek/migrations$': '<rootDir>/migrations/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/test/support/reflect-metadata.setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/single-nest-instance.setup.ts'],
};

export default {
  // Applies to every project (Jest ignores it per project): e2e tests boot real apps.
  testTimeout: 30_000,
  // One test file at a time (the 2 cores are the apps', PostgreSQL's and Redis'; `npm run test:unit`
  // sets 2, as unit tests start no app and wait on nothing), in a worker
  // process that is replaced once its heap passes 1 GB: every e2e file loads the whole app graph
  // into its own ESM context and not all of it is freed, so one long-lived process (--runInBand)
  // slowed down as it grew (the suite took 772 s in band, 326 s this way, same machine and tests).
  maxWorkers: 1,
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,migrations,scripts,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
