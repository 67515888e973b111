// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Type-aware lint of the TypeScript sources (each file read with the tsconfig that builds it), and plain lint of the scripts. */
export default defineConfig(
  {
    // generated, or built from the sources linted here
    ignores: ['dist/**', 'coverage/**', 'schema/**', 'bench/results/**', 'console/src/gql/**', '.mmhub/**', 'node_modules/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // a promise nobody awaits fails unseen: await it, or mark it `void` with the reason
      '@typescript-eslint/no-floating-promises': 'error',
      // an async function where a callback's result is ignored (an event handler) loses its rejection
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // a type-only import is erased from the build: the reader sees which imports run code
      // `typeof import('…')` stays allowed: it types a module loaded lazily, only when it is needed
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
