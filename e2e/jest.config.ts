export default {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
  moduleNameMapper: {
    '^@pokervod/(.*)$': '<rootDir>/../libs/$1/src/index.ts',
  },
};
