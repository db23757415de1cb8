import { cpSync } from 'node:fs';
import { defineConfig } from 'vite';
import { lingui } from '@lingui/vite-plugin';
import { linguiMacros } from './linguiMacros';

/**
 * The runner (src/runner) as one Node module, dist-runner/runner.mjs: the app's engine and
 * schemas compiled in (Lingui's macros and catalogues as for the app), packages left to
 * node_modules. Its SQL migrations are copied beside it.
 */
export default defineConfig({
  plugins: [
    linguiMacros(),
    lingui(),
    {
      name: 'runner-migrations',
      closeBundle() {
        cpSync('src/runner/sql/migrations', 'dist-runner/migrations', { recursive: true });
      },
    },
  ],
  publicDir: false,
  build: {
    ssr: 'src/runner/main.ts',
    outDir: 'dist-runner',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'runner.mjs' } },
  },
});
