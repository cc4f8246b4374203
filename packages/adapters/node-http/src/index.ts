export { readBody } from './read-body.js';
export {
  connectionProtocol,
  type NodeRequestSource,
  nodeWebhookRequest,
  toWebhookRequest,
} from './request.js';
export { bodyBuffer, writeResponse } from './response.js';
