/**
 * Jest over CommonJS: @swc/jest strips the TypeScript types (type checking is `npm run
 * typecheck`, which CI runs too). Unit tests sit beside their code; integration, contract
 * and browser tests live in test/.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/config', '<rootDir>/server', '<rootDir>/worker', '<rootDir>/shared', '<rootDir>/client', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  testTimeout: 30000,
  // Browser and fault tests start processes; one file at a time keeps 2 cores honest.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
