import { readFileSync } from 'node:fs';
import { sendingBuild } from '../tsup.shared';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default sendingBuild({
  entry: ['src/index.ts', 'src/testing.ts', 'src/store-kit.ts'],
  external: ['vitest'],
  define: { __HOOKWIRE_SENDER_VERSION__: JSON.stringify(version) },
});
