import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Component tests (Vitest) read answers loosely and stub browser APIs, as the root config allows for *.spec.ts.
    files: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/test/**/*.ts', 'src/test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
];
