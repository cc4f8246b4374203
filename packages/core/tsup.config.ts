import { packageBuild } from '../../tsup.shared';

export default packageBuild({
  entry: ['src/index.ts', 'src/testing.ts'],
  // One shared chunk, so `@hookwire/core/testing` sees the same WebhookError class as the main
  // entry in CommonJS too (tsup splits only ESM by default).
  splitting: true,
});
