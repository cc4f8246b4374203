/**
 * Helpers for testing receivers and handlers (`@hookwire/core/testing`): capture the
 * `WebhookError` a request is rejected with, derive tampered requests from a signed one, and
 * `describeReceiver`, the conformance suite every provider package runs (it needs vitest, an
 * optional peer dependency).
 */
export {
  describeReceiver,
  type HandshakeCase,
  type ReceiverDescription,
  type ReceiverTestOptions,
  type ReceiverUnderTest,
  type SignTestInput,
} from './testing/describe-receiver.js';
export {
  errorCodeOf,
  eventOf,
  eventsOf,
  signerWith,
  webhookErrorOf,
  withBody,
  withHeaders,
} from './testing/requests.js';
