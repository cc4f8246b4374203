import { defineConfig } from 'tsup';

// `vite build` writes the app to dist/app first; tsup must leave it there (no clean).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: false,
  shims: true,
  target: 'node20',
  sourcemap: false,
});
