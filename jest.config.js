const moduleNameMapper = {
  '^@trestle/core$': '<rootDir>/libs/core/src',
  '^@trestle/database$': '<rootDir>/libs/database/src',
  '^@trestle/observability$': '<rootDir>/libs/observability/src',
};

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
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,adapters,test}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
