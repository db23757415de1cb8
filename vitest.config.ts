import { configDefaults, defineConfig } from 'vitest/config';
import { lingui } from '@lingui/vite-plugin';
import { linguiMacros } from './scripts/linguiMacros';

const ENGINE_TESTS = 'test/unit/engine/**/*.test.ts';
// The engine's pure parts (no store): run once.
const PURE_ENGINE_TESTS = ['filter', 'ids', 'jsonSchema', 'resolver', 'twentyResolver'].map(
  (f) => `test/unit/engine/${f}.test.ts`,
);
// Files share their worker's modules, and so one database per worker (PGlite takes seconds to start).
const sqlEngineTests = {
  include: [ENGINE_TESTS],
  exclude: [...configDefaults.exclude, ...PURE_ENGINE_TESTS],
  isolate: false,
};

// Separate from vite.config.ts so the PWA plugin does not run in unit tests.
// The engine's tests run once per store it has (test/unit/workspaces.ts): the browser's
// IndexedDB with the rest of the unit tests, then the runner's SQL on PGlite and on a
// Postgres server.
export default defineConfig({
  plugins: [linguiMacros(), lingui()],
  test: {
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          globalSetup: ['test/unit/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'engine on PGlite', ...sqlEngineTests, env: { LOCALFLOW_TEST_STORE: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'engine on Postgres',
          ...sqlEngineTests,
          env: { LOCALFLOW_TEST_STORE: 'postgres' },
          globalSetup: ['test/unit/postgresSetup.ts'],
        },
      },
    ],
  },
});
