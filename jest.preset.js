const nxPreset = require('@nx/jest/preset').default;

// SWC instead of ts-jest: an order of magnitude faster on two cores, and it
// emits the decorator metadata NestJS dependency injection needs.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Integration tests talk to the real broker and database; allow for a busy two-core machine.
  testTimeout: 30_000,
};
