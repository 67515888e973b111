/**
 * Test tiers by suffix: unit tests (*.unit.spec.ts) need nothing running; int tests (*.int.spec.ts)
 * use PostgreSQL and Kafka in the test process; e2e tests (*.e2e.spec.ts) run whole programs as
 * processes of their own. Sources are transpiled file by file (tsconfig's isolatedModules): `npm run
 * typecheck` and the lint check the types.
 */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/test', '<rootDir>/cli', '<rootDir>/gateway'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

const withInfrastructure = {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // every process a test file spawned is killed with its group when the file ends, also after a timeout
  setupFilesAfterEnv: ['<rootDir>/test/support/teardown.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...withInfrastructure, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...withInfrastructure, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
