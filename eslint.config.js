import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

/** Layering: the engine stays pure; schema imports nothing of the app. */
const noUiInEngine = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'comlink'],
      message: 'The engine is pure TypeScript: reach storage and hosts through ports.',
    },
    {
      group: ['**/app/**', '**/client/**', '**/worker/**', '**/sw/**', '**/db/**'],
      message: 'The engine must not import hosts, storage or UI.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-runner/**',
      'runner-data/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'dev-dist/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  { files: ['src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', noUiInEngine] } },
  {
    files: ['src/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/client/**', '**/worker/**', '**/db/**', '**/engine/**', 'react', 'dexie'],
              message: 'Schemas depend on nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/client/**', 'react', 'react-dom'], message: 'Storage does not know the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/runner/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/app/**',
                '**/client/**',
                '**/worker/**',
                '**/sw/**',
                'react',
                'react-dom',
                'dexie',
                'comlink',
              ],
              message: 'The runner is a Node host: the engine over SQL, no browser storage or UI.',
            },
          ],
        },
      ],
    },
  },
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
  // Prettier formats (120 columns, checked by `npm run lint`); these rules it cannot settle.
  prettier,
  {
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // A switch over a union (step, trigger, field types…) handles every member or says why not.
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.sw.json', './tsconfig.runner.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
);
