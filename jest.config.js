/** Jest in ESM mode with ts-jest transpiling only; `tsc --noEmit` does the type-check. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, tsconfig: 'tsconfig.json' }]
  },
  testTimeout: 60000,
  maxWorkers: 2,
  // ESM test files run as vm modules, whose module graphs a worker keeps: without a cap a worker ends the run with
  // a ~500 MB heap, and tearing that down outlasts Jest's 500 ms exit grace ("failed to exit gracefully").
  workerIdleMemoryLimit: '350MB',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs']
};
