export { type BearerAuthOptions, bearerAuth, OPERATOR_TENANT, parseApiTokens } from './api/auth.js';
export {
  type ApiCaller,
  createManagementApi,
  ManagementApi,
  type ManagementApiOptions,
} from './api/handler.js';
export { attemptView, deliveryView, subscriptionView } from './api/views.js';
export {
  isSenderError,
  SenderError,
  type SenderErrorCode,
  type SenderLimit,
  SenderLimitError,
} from './errors.js';
export { exampleFromSchema } from './example-data.js';
export type { DeliveryHookContext, SenderHooks } from './hooks.js';
export { newId } from './ids.js';
export { type CheckedSchema, checkJsonSchema, type JsonSchema, validateJsonSchema } from './json-schema.js';
export { createMemoryStore, MemoryStore } from './memory-store.js';
export {
  OPERATIONAL_EVENT_TYPES,
  type OperationalEventsOptions,
  type OperationalEventType,
} from './operational.js';
export type { OwnershipCheck } from './ownership.js';
export { activeSecrets, buildRequest, standardBody } from './payload.js';
export {
  compileFilter,
  FILTER_LIMITS,
  FilterCache,
  type FilterMatcher,
  type PayloadFilter,
  validateFilter,
} from './payload-filter.js';
export { parseRetryAfter } from './policy.js';
export { burstOf, MemoryRateLimiter } from './rate-limit.js';
export { DEFAULT_TENANT } from './scope.js';
export {
  type BroadcastInput,
  createSender,
  type EventTypeUpdate,
  type ExampleAttempt,
  type PublishInput,
  type PublishResult,
  type Scope,
  SENDER_VERSION,
  Sender,
  type SenderOptions,
  type SubscriptionStats,
} from './sender.js';
export {
  AddressGuard,
  type AddressGuardOptions,
  blockedAddressReason,
  type Resolver,
  systemResolver,
} from './ssrf.js';
// The backend contracts and the records: every type of these two files.
export type * from './store.js';
export type { Logger } from './telemetry.js';
export type * from './types.js';
export {
  type SubscriptionInput,
  type SubscriptionUpdate,
  validateSubscriptionInput,
  validateSubscriptionUpdate,
} from './validation.js';
