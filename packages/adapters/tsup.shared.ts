import { defineConfig } from 'tsup';

/** The build every adapter shares (ESM and CommonJS with types, for Node 20); `entry` is the one thing that varies. */
export const adapterBuild = (entry = ['src/index.ts']) =>
  defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: false,
  });
