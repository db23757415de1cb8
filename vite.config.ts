import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { lingui } from '@lingui/vite-plugin';
import { linguiMacros } from './scripts/linguiMacros';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * The page's head script (src/boot: the first rows of a records table and the page's saved
 * picture, wired by head.ts), compiled and inlined in the page's head: it runs while the app's
 * code downloads (a module script would wait for the bundle). Its files are joined in one scope,
 * in the order they need each other, so they import from each other only by name.
 */
const BOOT_FILES = ['src/boot/firstRows.ts', 'src/boot/pagePicture.ts', 'src/boot/head.ts'];

function inlineBoot(): Plugin {
  return {
    name: 'localflow-inline-boot',
    transformIndexHtml() {
      const code = BOOT_FILES.map((file) =>
        ts
          .transpileModule(readFileSync(file, 'utf8'), {
            compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
          })
          .outputText.replace(/^import [^;]*;$/gm, '')
          .replace(/^export \{\};?$/m, '')
          .replace(/^export /gm, ''),
      ).join('\n');
      return [{ tag: 'script', children: `(() => {${code}})();`, injectTo: 'head' }];
    },
  };
}

/** The records table's code is fetched with the app's (it is the page a tab opens on most). */
function preloadRecordsPage(): Plugin {
  return {
    name: 'localflow-preload-records-page',
    transformIndexHtml(html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
      const page = chunks.find((c) => c.facadeModuleId?.endsWith('src/app/pages/RecordsPage.tsx'));
      return (page ? [page.fileName, ...page.imports] : [])
        .filter((file) => !html.includes(`/${file}"`))
        .map((file): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
          injectTo: 'head',
        }));
    },
  };
}

export default defineConfig({
  plugins: [
    inlineBoot(),
    preloadRecordsPage(),
    linguiMacros(),
    lingui(),
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The install dialog's screenshots are fetched by the browser when needed, not cached offline.
        globIgnores: ['screenshots/**'],
        plugins: [linguiMacros(), ...lingui()],
      },
      manifest: {
        name: 'Localflow',
        short_name: 'Localflow',
        description: 'Local-first workflow automation for your CRM records.',
        theme_color: '#1f2937',
        background_color: '#ffffff',
        display: 'standalone',
        id: '/',
        start_url: '/',
        categories: ['productivity', 'business'],
        // Long-press (or right-click) the installed app's icon.
        shortcuts: [
          {
            name: 'New workflow',
            short_name: 'New workflow',
            url: '/workflows?new',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
          },
          {
            name: 'Inbox',
            short_name: 'Inbox',
            url: '/inbox',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
          },
        ],
        // Shown by the browser's install dialog (a wide one on desktops, a narrow one on phones).
        screenshots: [
          {
            src: '/screenshots/editor-wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'A workflow in the editor: its trigger and steps on the canvas, settings beside them',
          },
          {
            src: '/screenshots/people-narrow.png',
            sizes: '780x1688',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'People, on a phone',
          },
        ],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [linguiMacros(), lingui()] },
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
