import { adapterBuild } from '../tsup.shared';

export default adapterBuild(['src/index.ts', 'src/testing.ts']);
