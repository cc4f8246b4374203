import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/sqlite.ts', 'src/postgres.ts', 'src/testing.ts'],
  // One shared chunk, so the subpath entries share the main entry's code in CommonJS too.
  splitting: true,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: false,
  external: ['better-sqlite3', 'pg', 'vitest'],
});
