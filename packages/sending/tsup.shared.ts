import { defineConfig, type Options } from 'tsup';

/** The build the sending packages share: ESM and CommonJS with types, for Node 20. */
export function sendingBuild(options: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: false,
    ...options,
  });
}
