import { defineConfig } from 'vitest/config';
import { packageDirs } from './scripts/workspace.mjs';

const dirs: Record<string, string> = packageDirs();

// Tests import workspace packages from source, so they run without a build; the consumer test
// (scripts/consumer-test.mjs) checks the built, packed packages separately.
export default defineConfig({
  resolve: {
    alias: Object.entries(dirs).flatMap(([name, dir]) => [
      { find: new RegExp(`^@hookwire/${name}$`), replacement: `${dir}/src/index.ts` },
      { find: new RegExp(`^@hookwire/${name}/([a-z0-9-]+)$`), replacement: `${dir}/src/$1.ts` },
    ]),
  },
  test: {
    include: ['packages/**/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
