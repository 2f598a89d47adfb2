// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import gearshift from './eslint-rules/coreBoundaries.mjs';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'webpack.config.js', 'build/**', 'eslint.config.mjs', 'media/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The core is plain TypeScript shared by the extension and the CLI: it must run in plain node.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on vscode: put the adapter in src/vscode.' }],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'src/core must not import the vscode adapters.' }],
      }],
    },
  },
  {
    // A src/core folder is entered through its index.ts; lazy import() boundaries excepted.
    files: ['src/**/*.ts'],
    plugins: { gearshift },
    rules: { 'gearshift/core-index-only': 'error' },
  },
  {
    // A notification's message built with data cannot carry a command link (eslint-rules/notificationText.mjs).
    files: ['src/vscode/**/*.ts'],
    plugins: { gearshift },
    rules: { 'gearshift/notification-text': 'error' },
  },
);
