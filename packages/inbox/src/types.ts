/** Where an event is in its life: waiting (or being processed), done, or out of retries. */
export type InboxStatus = 'pending' | 'processed' | 'dead';

export const INBOX_STATUSES: readonly InboxStatus[] = ['pending', 'processed', 'dead'];

/** The request as received, kept so that an event can be inspected and replayed later. */
export interface StoredRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

/** What the inbox writes for one verified event. */
export interface NewInboxEvent {
  /** The inbox's own id (`ibx_…`, time-ordered). */
  id: string;
  provider: string;
  name: string;
  /** The provider's delivery id, where it sends one. */
  deliveryId?: string | undefined;
  /**
   * What duplicates are recognised by, with `provider`: the delivery id (suffixed `#n` for the
   * further events of one request that share an id). No key: never a duplicate.
   */
  dedupeKey?: string | undefined;
  /** Events with the same key are processed one at a time, in arrival order. */
  orderKey?: string | undefined;
  payload: unknown;
  meta: Record<string, unknown>;
  request: StoredRequest;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export interface InboxEvent extends NewInboxEvent {
  status: InboxStatus;
  /** Processing attempts so far (replays not counted). */
  attempts: number;
  /** When a pending event is next due (or, while it is leased, when its lease ends). */
  nextAttemptAt: number;
  /** The error of the last failed attempt. */
  lastError?: string | undefined;
  processedAt?: number | undefined;
  updatedAt: number;
}

/** One run of the handlers over an event. */
export interface InboxAttempt {
  eventId: string;
  /** 1, 2, … for processing attempts; replays carry the attempt count at the time. */
  attempt: number;
  kind: 'process' | 'replay';
  startedAt: number;
  durationMs: number;
  /** Absent when every handler succeeded. */
  error?: string | undefined;
}

export interface InboxQuery {
  provider?: string | undefined;
  name?: string | undefined;
  status?: InboxStatus | undefined;
  /** Received at or after (ms). */
  since?: number | undefined;
  /** Received before (ms). */
  until?: number | undefined;
  /** From a previous page's `nextCursor`. */
  cursor?: string | undefined;
  /** Items per page (default 50). */
  limit?: number | undefined;
}

/** Newest first. */
export interface InboxPage {
  items: InboxEvent[];
  nextCursor?: string | undefined;
}

export interface ClaimOptions {
  now: number;
  /** How long the claim holds the events, in ms; afterwards another worker may take them. */
  leaseMs: number;
  limit: number;
  /** Most events of one provider in flight at once, counting `running`. */
  perProvider?: number | undefined;
  /** Events of each provider this worker is already processing. */
  running?: ReadonlyMap<string, number> | undefined;
}

export interface ClaimedEvent {
  event: InboxEvent;
  /** Proof of the claim: an outcome is recorded only while the lease is still this one. */
  lease: string;
}

/** The result of one processing attempt. */
export interface ProcessingOutcome {
  id: string;
  lease: string;
  status: InboxStatus;
  /** For a retry: when the event is due again. */
  nextAttemptAt: number;
  attempt: InboxAttempt;
  now: number;
}

export type RequeueResult = 'requeued' | 'not_found' | 'processed' | 'in_flight';

export interface PurgeSelector {
  status?: InboxStatus | undefined;
  provider?: string | undefined;
  /** Received before (ms). */
  before?: number | undefined;
}

/**
 * Where an inbox keeps its events. Every method may be called from several processes at once
 * (SQLite file, PostgreSQL); the conformance suite in `@hookwire/inbox/testing` checks the contract.
 */
export interface InboxStore {
  /**
   * Writes the events, skipping those whose (provider, dedupeKey) is already stored; resolves once
   * the write is durable, with `true` for each event stored and `false` for each duplicate. Calls
   * made together are committed together (group commit).
   */
  insert(events: readonly NewInboxEvent[]): Promise<boolean[]>;
  /**
   * Takes due pending events under a lease, oldest first. An event whose `orderKey` has an earlier
   * pending event is not taken (one at a time per key, in arrival order).
   */
  claim(options: ClaimOptions): Promise<ClaimedEvent[]>;
  /** Records an attempt's outcome; `false` when the lease was lost (another worker took the event). */
  finish(outcome: ProcessingOutcome): Promise<boolean>;
  /** Records a replay; when `processed` is true a dead event becomes processed. */
  recordReplay(attempt: InboxAttempt, processed: boolean, now: number): Promise<void>;
  get(id: string): Promise<InboxEvent | undefined>;
  attempts(id: string): Promise<InboxAttempt[]>;
  list(query: InboxQuery): Promise<InboxPage>;
  /** Makes a dead (or waiting) event due now. */
  requeue(id: string, now: number): Promise<RequeueResult>;
  /** Makes every event that went dead at or after `since` due now; returns how many. */
  requeueDead(since: number, now: number): Promise<number>;
  /** Deletes matching events and their attempts, in batches; returns how many. */
  purge(selector: PurgeSelector): Promise<number>;
  /** Deletes up to `limit` processed events processed before `before`; returns how many. */
  prune(before: number, limit: number): Promise<number>;
  close(): Promise<void>;
}
