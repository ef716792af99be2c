const moduleNameMapper = {
  '^@trestle/core$': '<rootDir>/libs/core/src',
  '^@trestle/database$': '<rootDir>/libs/database/src',
  '^@trestle/observability$': '<rootDir>/libs/observability/src',
  '^@trestle/adapter-sdk$': '<rootDir>/libs/adapter-sdk/src',
  '^@trestle/connectors$': '<rootDir>/libs/connectors/src',
  '^@trestle/unified$': '<rootDir>/libs/unified/src',
  '^@trestle/pipeline$': '<rootDir>/libs/pipeline/src',
  '^@trestle/inference$': '<rootDir>/libs/inference/src',
  '^@trestle/audit$': '<rootDir>/libs/audit/src',
  '^@trestle/auth$': '<rootDir>/libs/auth/src',
  '^@trestle/events$': '<rootDir>/libs/events/src',
  '^@trestle/adapter-sdk/testing$': '<rootDir>/libs/adapter-sdk/src/testing',
  '^@trestle/adapter-soap$': '<rootDir>/adapters/soap/src',
  '^@trestle/adapter-sql$': '<rootDir>/adapters/sql/src',
  '^@trestle/adapter-rest$': '<rootDir>/adapters/rest/src',
  '^@trestle/simulators$': '<rootDir>/test/simulators',
};

const SLOW_MACHINE_TIMEOUT = '<rootDir>/test/harness/slow-machine-timeout.ts';

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/** Three tiers: unit (beside the code), integration (real PostgreSQL/Redis/MariaDB), end-to-end (HTTP + simulators). */
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,adapters}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      setupFilesAfterEnv: [SLOW_MACHINE_TIMEOUT],
      testMatch: ['<rootDir>/{apps,libs,adapters,test}/**/*.int-spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      setupFilesAfterEnv: [SLOW_MACHINE_TIMEOUT],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
