import { packageBuild } from '../../tsup.shared';

/** The build every adapter shares (../../tsup.shared.ts); `entry` is the one thing that varies. */
export const adapterBuild = (entry = ['src/index.ts']) => packageBuild({ entry });
