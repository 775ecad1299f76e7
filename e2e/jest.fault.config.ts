/**
 * Whole-system fault tests (`npm run test:e2e-fault`): the built apps as
 * processes, one case after another (--runInBand), each killing or cutting
 * something mid-sync. Needs the apps built (`npm run build`; `npm test` runs
 * them after `test:e2e`, which builds).
 */
export default {
  displayName: 'e2e-fault',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.fault.spec.ts'],
  testTimeout: 900_000,
  moduleNameMapper: {
    '^@pokervod/(.*)$': '<rootDir>/../libs/$1/src/index.ts',
  },
};
