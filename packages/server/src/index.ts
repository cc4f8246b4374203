export {
  DEV_API_TOKEN,
  DEV_OPERATOR_TOKEN,
  OPERATOR_TENANT,
  type Role,
  readConfig,
  type ServerConfig,
} from './config.js';
export { DEV_STANDARD_SECRET, devSecret } from './receivers.js';
export { eventIdOf, eventTypeOf, UnpublishableEventError } from './republish.js';
export {
  type RunningServer,
  type ServerOptions,
  type ServerParts,
  startServer,
} from './server.js';
