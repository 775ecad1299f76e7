import nx from '@nx/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { join } from 'node:path';

/**
 * `pokervod/no-machine-paths`: no string, template or comment names a path
 * that only exists on one machine (a home folder, a checkout's absolute
 * location). A fresh clone anywhere must build, test and run, so code finds
 * files relative to the repository (`__dirname`, `POKERVOD_HOME`), from the
 * environment, or in a temporary folder. Kept in this file so that changing
 * it invalidates Nx's lint cache.
 */
// Not after a word character, so URL paths (`https://host/home/…`) pass.
const MACHINE_PATH = /(?<![\w.~-])\/(?:work|home|root|Users)\/|\b[A-Za-z]:[\\/]+Users[\\/]/;

const noMachinePaths = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow absolute paths of one machine in strings and comments' },
    schema: [],
    messages: {
      machinePath:
        'Absolute machine path "{{path}}": use a path relative to the repository, an environment variable or a temporary folder.',
    },
  },
  create(context) {
    const check = (node, text, loc) => {
      const match = MACHINE_PATH.exec(text);
      if (!match) return;
      const path = text.slice(match.index, match.index + 40).split(/[\s'"`]/)[0];
      context.report({ node, loc, messageId: 'machinePath', data: { path } });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.raw);
      },
      JSXText(node) {
        check(node, node.value);
      },
      Program(node) {
        for (const comment of context.sourceCode.getAllComments()) check(node, comment.value, comment.loc);
      },
    };
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', 'coverage', 'tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Apps talk only over RabbitMQ: they may import libs, never another app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            // Libs hold shared code without business state and never reach into apps.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:test-util', onlyDependOnLibsWithTags: ['type:lib', 'type:test-util'] },
          ],
        },
      ],
    },
  },
  {
    // No import loops, and a lib is entered only through its public index.ts:
    // what is not exported there is the lib's own business.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: join(import.meta.dirname, 'tsconfig.base.json') }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@pokervod/*/*'], message: 'Import a lib through its public index: @pokervod/<lib>.' },
            {
              regex: '(^|/)libs/[^/]+/src(/|$)',
              message: 'Import a lib through its public index (@pokervod/<lib>), not a path into its src/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The repository stands alone: no source names a path of one machine.
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    plugins: { pokervod: { rules: { 'no-machine-paths': noMachinePaths } } },
    rules: { 'pokervod/no-machine-paths': 'error' },
  },
  {
    // Tests (and only tests) may use the shared test helpers, and read JSON
    // answers loosely: the assertions check their shape.
    files: ['**/*.spec.ts', '**/src/testing/**/*.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:test-util'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:test-util'] },
            { sourceTag: 'type:test-util', onlyDependOnLibsWithTags: ['type:lib', 'type:test-util'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
