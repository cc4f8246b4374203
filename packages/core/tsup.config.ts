import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts'],
  // One shared chunk, so `@hookwire/core/testing` sees the same WebhookError class as the main
  // entry in CommonJS too (tsup splits only ESM by default).
  splitting: true,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: false,
});
