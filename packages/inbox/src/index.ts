export { createInboxApi, InboxApi, type InboxApiOptions } from './api.js';
export { pickClaimable } from './claim-picker.js';
export { newInboxId } from './ids.js';
export { createInbox, Inbox, type InboxEventDetail, type ReplayResult } from './inbox.js';
export { consoleLogger, type InboxLogger } from './logger.js';
export { createMemoryInboxStore, MemoryInboxStore } from './memory-store.js';
export type { InboxOptions } from './options.js';
export {
  type ClaimedEvent,
  type ClaimOptions,
  INBOX_STATUSES,
  type InboxAttempt,
  type InboxEvent,
  type InboxPage,
  type InboxQuery,
  type InboxStatus,
  type InboxStore,
  type NewInboxEvent,
  type ProcessingOutcome,
  type PurgeSelector,
  type RequeueResult,
  type StoredRequest,
} from './types.js';
