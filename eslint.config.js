// Lint for the whole project (npm run lint, part of npm test): typescript-eslint's recommended
// rules, with unused code as an error so dead code does not pile up.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    // Tests read wire JSON and poke at internals on purpose; `any` there is a choice, not an accident.
    files: ['tests/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }]
    }
  }
);
