// workerd entry (bundled by esbuild, as Wrangler would): a module worker serving the app.
import { createApp } from './app.mjs';

const app = createApp();
export default { fetch: (request) => app(request) };
