/** The sending packages build like every package (../../tsup.shared.ts). */
export { packageBuild as sendingBuild } from '../../tsup.shared';
