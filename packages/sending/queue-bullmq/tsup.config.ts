import { sendingBuild } from '../tsup.shared';

export default sendingBuild();
