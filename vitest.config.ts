import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the PWA plugin does not run in unit tests.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
  },
});
