import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli.ts` is the binary (its shebang is kept); each provider module becomes its own chunk,
  // loaded only when that provider is named.
  entry: ['src/index.ts', 'src/cli.ts'],
  splitting: true,
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  sourcemap: false,
});
