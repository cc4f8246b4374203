import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The app is built into dist/app and served by src/dashboard.ts under /dashboard/ and /portal/,
// so every URL in it is relative. Preact's JSX runtime stands in for React's.
export default defineConfig({
  root: fileURLToPath(new URL('./ui', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/app', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
});
