import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { lingui } from '@lingui/vite-plugin';
import { linguiMacros } from '../../scripts/linguiMacros';

/** The benchmark pages, built into dist/bench/ next to the app (same origin, same IndexedDB). */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/bench/',
  // The app's messages are compiled as in the app's own build (vite.config.ts).
  plugins: [linguiMacros(), lingui(), react()],
  worker: { format: 'es', plugins: () => [linguiMacros(), lingui()] },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/bench'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        baseline: resolve(import.meta.dirname, 'baseline.html'),
        editor: resolve(import.meta.dirname, 'editor.html'),
        code: resolve(import.meta.dirname, 'code.html'),
        latency: resolve(import.meta.dirname, 'latency.html'),
        data: resolve(import.meta.dirname, 'data.html'),
        throughput: resolve(import.meta.dirname, 'throughput.html'),
      },
    },
  },
  logLevel: 'warn',
});
