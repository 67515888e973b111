/** Test tiers by suffix: unit tests need nothing running; int and e2e tests use PostgreSQL and Kafka. */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/test', '<rootDir>/cli', '<rootDir>/gateway'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

const withInfrastructure = {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
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
