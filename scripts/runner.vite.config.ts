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
    ssr: true,
    outDir: 'dist-runner',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      // `npm run bench` adds the runner's benchmark (RUNNER_BENCH=1), next to the runner it starts.
      input: {
        runner: 'src/runner/main.ts',
        'code-worker': 'src/runner/code/worker.ts',
        ...(process.env.RUNNER_BENCH ? { 'runner-bench': 'test/bench/runnerBench.ts' } : {}),
      },
      // Chunks beside the entries: the migrations are found next to the module that reads them.
      output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
