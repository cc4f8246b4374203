import { sendingBuild } from '../tsup.shared';

export default sendingBuild({ entry: ['src/index.ts', 'src/testing.ts'], external: ['vitest'] });
