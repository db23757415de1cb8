import { defineConfig } from 'vitest/config';
import { lingui } from '@lingui/vite-plugin';
import { linguiMacros } from './scripts/linguiMacros';

// Separate from vite.config.ts so the PWA plugin does not run in unit tests.
export default defineConfig({
  plugins: [linguiMacros(), lingui()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    globalSetup: ['test/unit/globalSetup.ts'],
  },
});
