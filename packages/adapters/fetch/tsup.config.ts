import { adapterBuild } from '../tsup.shared';

export default adapterBuild();
