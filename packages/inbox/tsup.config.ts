import { packageBuild } from '../../tsup.shared';

export default packageBuild({
  entry: ['src/index.ts', 'src/sqlite.ts', 'src/postgres.ts', 'src/testing.ts'],
  // One shared chunk, so the subpath entries share the main entry's code in CommonJS too.
  splitting: true,
  external: ['better-sqlite3', 'pg', 'vitest'],
});
