/**
 * The two backend contracts of the sender.
 *
 * - `SenderStore` keeps subscriptions, the event-type catalogue, events, deliveries and the
 *   delivery log. It is the source of truth for every delivery's state.
 * - `DeliveryQueue` hands due deliveries to workers, one worker at a time, under a lease.
 *
 * A store may be its own queue and says so with `queue` (the memory, SQLite and PostgreSQL stores
 * are: a delivery row carries its due time and lease), or the sender may pair a store with an
 * external queue (PostgreSQL + BullMQ). `createSender` decides which once (see `QueueMode`).
 * Every method is async so that network backends fit. `describeSenderStore` in
 * `@hookwire/sender/testing` is the executable version of this contract: run it on any new store.
 *
 * Times are milliseconds since the epoch, passed in by the sender (stores never read the clock,
 * so tests can pin it). Stores return fresh objects that callers may mutate, except the
 * subscriptions of `findSubscriptions` and the event and subscription of `loadJobs`: the sender
 * only reads those, so a store may hand out shared snapshots there (the hot path).
 */
import type { PayloadFilter } from './payload-filter.js';
import type {
  Delivery,
  DeliveryAttempt,
  DeliveryStatus,
  EventType,
  Page,
  PageQuery,
  StoredEvent,
  Subscription,
} from './types.js';

export interface SubscriptionQuery extends PageQuery {
  /** Only this tenant's subscriptions; every tenant's when absent. Ordered by id, ascending. */
  tenant?: string;
}

export interface DeliveryQuery extends PageQuery {
  subscriptionId: string;
  status?: DeliveryStatus;
  /** Newest first (by id, descending). */
}

export interface AttemptStats {
  attempts: number;
  successes: number;
  failures: number;
  /** Milliseconds; `null` when there was no attempt. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

/**
 * A subscription as publish needs it (see `SenderStore.findCandidates`). A `Subscription` is one,
 * so a store that holds parsed documents may return them as they are.
 */
export interface SubscriptionCandidate {
  id: string;
  tenant: string;
  /**
   * Its payload filter, absent (or null) when it has none: parsed, or the stored JSON text (SQL
   * stores keep it as text; the sender parses and compiles each distinct text once, and caches it).
   */
  filter?: PayloadFilter | string | null;
}

/** The new deliveries of one publish, as columns of equal length (see `SenderStore.insertFanOut`). */
export interface FanOutDeliveries {
  /** `dlv_…`, time-ordered. */
  ids: readonly string[];
  subscriptionIds: readonly string[];
  /** Each delivery's tenant: its subscription's. */
  tenants: readonly string[];
}

/** Fields of a subscription that can change. A key present with the value `undefined` clears it. */
export type SubscriptionPatch = Partial<Omit<Subscription, 'id' | 'tenant' | 'createdAt'>>;

/** Everything a worker needs for one attempt, loaded in one round trip. */
export interface DeliveryJob {
  delivery: Delivery;
  event: StoredEvent;
  /** Absent when the subscription was deleted since the event was published. */
  subscription?: Subscription;
}

/** The outcome of one attempt (or of a decision not to attempt), written atomically. */
export interface AttemptRecord {
  deliveryId: string;
  /**
   * The lease under which the attempt ran. A store that is the queue in use writes nothing and
   * answers `false` when the delivery is no longer leased with this token (the lease expired and
   * another worker took it over). The sender leaves it out when an external queue holds leases.
   */
  leaseToken?: string;
  /** The attempt for the log; absent when the delivery is closed without a request. */
  attempt?: DeliveryAttempt;
  status: DeliveryStatus;
  /** When another attempt is due (status `pending`). */
  nextAttemptAt: number;
  lastStatus?: number;
  lastError?: string;
  updatedAt: number;
}

/** Which deliveries to make pending (due now) again. */
export type RequeueSelector =
  | { deliveryId: string }
  | { subscriptionId: string; status: 'failed'; since: number }
  | {
      eventId: string;
      /** The event's tenant; absent for a broadcast event (event ids are unique per tenant). */
      eventTenant?: string;
      subscriptionId?: string;
    };

/** Tokens asked of one bucket (a subscription's rate limit), in one round trip with the others of a batch. */
export interface TokenRequest {
  /** The bucket: the subscription id. */
  key: string;
  /** Tokens added per second (the `rateLimit`). */
  perSecond: number;
  /** Tokens the bucket holds when full (a burst); at least 1. */
  burst: number;
  /** Tokens wanted now. */
  count: number;
}

export interface TokenGrant {
  /** Tokens granted, 0 to `count`. */
  granted: number;
  /** When fewer than asked: milliseconds until the next token. */
  retryInMs: number;
}

/**
 * A token bucket per key (GCRA: one "theoretical arrival time" per key), shared by every worker
 * that uses the same backend. Waiting for a token is not an attempt.
 */
export interface RateLimiter {
  takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]>;
}

/** What one retention run deleted. */
export interface PruneResult {
  attempts: number;
  deliveries: number;
  events: number;
}

/** Deliveries waiting in the queue: due now, and scheduled later (retries, delays). */
export interface QueueDepth {
  due: number;
  scheduled: number;
}

export interface SenderStore {
  // ----- subscriptions -----
  /**
   * Stores a new subscription. With `maxPerTenant`, atomically refuses (writes nothing, answers
   * `false`) when its tenant already holds that many subscriptions; answers `true` when stored.
   */
  insertSubscription(subscription: Subscription, options?: { maxPerTenant?: number }): Promise<boolean>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  /** Applies `patch` atomically (re-indexing filters when they change); `undefined` when absent. */
  updateSubscription(id: string, patch: SubscriptionPatch): Promise<Subscription | undefined>;
  /** Deletes the subscription and its filter index entries; its deliveries stay in the log. */
  deleteSubscription(id: string): Promise<boolean>;
  listSubscriptions(query: SubscriptionQuery): Promise<Page<Subscription>>;
  /**
   * Enabled subscriptions that registered at least one of `filters` verbatim (the sender passes
   * core's `candidateFilters(type)`), of `tenant` only when given (a publish), of every tenant
   * when absent (a broadcast). Must be an index look-up keyed by filter (and tenant), never a scan
   * of every subscription, nor of every tenant's. Each subscription at most once; at most `limit`
   * of them when given (any of them: the sender asks for one more than its fan-out limit).
   */
  findSubscriptions(filters: readonly string[], tenant?: string, limit?: number): Promise<Subscription[]>;
  /**
   * The lean form of `findSubscriptions`, which publish uses when a store has it: the same
   * subscriptions (same rules, same index), each as only what matching and its delivery row need,
   * so a fan-out to thousands neither reads nor parses whole documents. The sender only reads
   * them (shared snapshots will do). Optional: without it, publish calls `findSubscriptions`.
   *
   * `accepts` (given by publish) tells whether the event's data passes a stored payload filter: a
   * store may leave out the candidates whose filter it rejects, asking once per distinct filter
   * (the SQLite store then reads only the rows that match). Candidates without a filter are always
   * in. A store may also ignore it: publish checks every candidate's filter anyway.
   */
  findCandidates?(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
    accepts?: (filter: PayloadFilter | string) => boolean,
  ): Promise<SubscriptionCandidate[]>;

  // ----- event types -----
  /** Inserts or replaces by name. */
  putEventTypes(types: readonly EventType[]): Promise<void>;
  /** Ordered by name. */
  listEventTypes(): Promise<EventType[]>;

  // ----- events and deliveries -----
  /**
   * In ONE transaction: stores the event and its deliveries. When an event with the same id
   * exists in the same tenant (`event.tenant`; or among broadcasts when absent), writes nothing and
   * answers `created: false` with the stored event and its delivery count (publish is idempotent
   * on the event id). Ids are unique per tenant: the same id in another tenant is another event.
   */
  insertEvent(
    event: StoredEvent,
    deliveries: readonly Delivery[],
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }>;
  /**
   * Like `insertEvent`, with the deliveries of a publish given column by column instead of one
   * object each (a fan-out to thousands keeps thousands fewer objects alive while it is stored).
   * Delivery `i` is `{ id: ids[i], eventId: event.id, subscriptionId: subscriptionIds[i],
   * tenant: tenants[i], eventType: event.type, status: 'pending', attempts: 0 }` with
   * `nextAttemptAt`, `createdAt` and `updatedAt` all `event.createdAt`. The same guarantees as
   * `insertEvent` (one transaction, idempotent on the event id per tenant). Optional: without it,
   * publish builds the objects and calls `insertEvent`.
   */
  insertFanOut?(
    event: StoredEvent,
    deliveries: FanOutDeliveries,
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }>;
  /** The event `id` of `tenant`; the broadcast event `id` when `tenant` is absent. */
  getEvent(id: string, tenant?: string): Promise<StoredEvent | undefined>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>>;
  /** Oldest first. */
  listAttempts(deliveryId: string): Promise<DeliveryAttempt[]>;
  /** Unknown ids are left out. */
  loadJobs(deliveryIds: readonly string[]): Promise<DeliveryJob[]>;
  /**
   * Writes each record atomically: the attempt row (when given), the delivery's new status, due
   * time and last outcome, attempts + 1 when an attempt is given, and clears its lease. Answers one
   * boolean per record: `false` when it was not applied (lost lease, unknown delivery). Stores may
   * batch several calls into one transaction.
   */
  recordAttempts(records: readonly AttemptRecord[]): Promise<boolean[]>;
  /**
   * Makes the selected deliveries pending and due at `now`, and returns them. Deliveries leased
   * right now (in flight) are left alone. `since` selects deliveries created at or after it.
   */
  requeueDeliveries(selector: RequeueSelector, now: number): Promise<Delivery[]>;
  /**
   * Pending deliveries due at or before `before`, oldest due first: the sender feeds them to an
   * external queue on start and periodically, so a crash between `insertEvent` and
   * `DeliveryQueue.schedule` loses nothing.
   */
  listDueDeliveries(before: number, limit: number): Promise<Delivery[]>;

  /**
   * Statistics of a subscription's attempts started in `[since, until]` (for `GET
   * /subscriptions/:id/stats`): an attempt succeeded when it got a 2xx. Latency percentiles are
   * nearest-rank over `durationMs` (the value at rank ⌈p·n⌉ in ascending order), `null` without
   * attempts. Must use an index on (subscription, start time), not scan the subscription's log.
   */
  attemptStats?(subscriptionId: string, since: number, until: number): Promise<AttemptStats>;

  /**
   * The oldest pending delivery (lowest id, so publish order) of each of these subscriptions: the
   * head of an `ordered` subscription's line, the only one of its deliveries that may be attempted.
   * Must use an index on (subscription, id) of pending deliveries. Needed for `ordered`.
   */
  firstPendingDeliveries?(subscriptionIds: readonly string[]): Promise<Delivery[]>;

  /**
   * Retention: deletes attempts started before `before`, and events created before it whose
   * deliveries are all finished, with those deliveries and their attempts. Pending deliveries and
   * their events stay. Works in short batches so that deliveries go on meanwhile.
   */
  prune?(before: number): Promise<PruneResult>;

  /** Rate-limit buckets shared by every process on this store (PostgreSQL row, SQLite row). */
  takeTokens?(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]>;

  /**
   * Set by a store that is also the delivery queue (usually to itself): the sender then uses it
   * when no other `queue` is given. A store without it needs an external queue.
   */
  readonly queue?: DeliveryQueue;

  /** Releases connections and file handles. */
  close?(): Promise<void>;
}

/** A claim on one delivery. */
export interface DeliveryLease {
  deliveryId: string;
  /** Opaque; proves the holder still owns the claim. */
  token: string;
}

export interface ClaimOptions {
  /** At most this many leases. */
  limit: number;
  /** A lease not settled within this time is handed out again (the worker is presumed dead). */
  leaseMs: number;
  now: number;
  /** Subscriptions already at their concurrency bound: leave their deliveries for later (a hint). */
  skipSubscriptions?: ReadonlySet<string>;
}

/**
 * Hands due deliveries to workers. At-least-once: a delivery is leased by one worker at a time,
 * and a lease that is neither settled nor released before it expires is handed out again.
 */
export interface DeliveryQueue {
  /**
   * Deliveries became due at `runAt` (after publish, a retry decision or a requeue). Must be
   * idempotent: the sender may schedule the same delivery twice (it re-feeds overdue ones after a
   * crash). A store that is its own queue does nothing here. `subscriptionId` (given by the sender
   * when it knows it) lets an external queue bound concurrency per subscription across workers.
   * `created` (set by publish) says the delivery was just stored: no job can exist for it yet, so
   * a queue may skip looking for one.
   */
  schedule(
    items: readonly { deliveryId: string; runAt: number; subscriptionId?: string; created?: boolean }[],
  ): Promise<void>;
  claim(options: ClaimOptions): Promise<DeliveryLease[]>;
  /** Gives a claim back without an attempt; due again at `runAt`. */
  release(lease: DeliveryLease, runAt: number): Promise<void>;
  /**
   * Called after the attempt's outcome was stored with `recordAttempts`: the claim is done.
   * `nextRunAt` is set when another attempt is due then.
   */
  settle(lease: DeliveryLease, nextRunAt?: number): Promise<void>;
  /** Milliseconds until the next delivery is due, when cheap to know (lets workers sleep). */
  nextDueIn?(now: number): Promise<number | undefined>;
  /**
   * Makes a pending delivery that nobody holds due at `now` (the next of an ordered subscription
   * once the one before it finished). Does nothing to a delivery in flight or finished.
   */
  promote?(deliveryId: string, now: number): Promise<void>;
  /** Rate-limit buckets shared by every worker of this queue (a Redis key per bucket). */
  takeTokens?(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]>;
  /** How many deliveries wait (for the queue-depth metric). */
  depth?(now: number): Promise<QueueDepth>;
  close?(): Promise<void>;
}
