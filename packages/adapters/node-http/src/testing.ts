/**
 * `@hookwire/node-http/testing`: the adapter contract every Hookwire adapter runs
 * (`describeAdapterContract`), and the tools to write adapter tests: a live server per test, a
 * client, and the `acme` test provider. Needs vitest, an optional peer dependency.
 */
export { acme, acmeHeaders } from './testing/acme.js';
export { type Answer, send, streamUntilAnswered } from './testing/client.js';
export { describeAdapterContract, type Serve } from './testing/contract.js';
export {
  type Listenable,
  listen,
  recording,
  type Served,
  type ServeOptions,
  serveEachTest,
} from './testing/serve.js';
