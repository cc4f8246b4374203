import { defineConfig, type Options } from 'tsup';

/**
 * The build every package shares: ESM and CommonJS with types, for Node 20. A package's
 * `tsup.config.ts` adds only what is its own (more entries, externals, shared chunks).
 */
export function packageBuild(options: Options = {}) {
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
