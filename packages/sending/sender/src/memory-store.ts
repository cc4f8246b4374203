import { DueHeap } from './heap.js';
import { newToken } from './ids.js';
import { MemoryRateLimiter } from './rate-limit.js';
import type {
  AttemptRecord,
  AttemptStats,
  ClaimOptions,
  DeliveryJob,
  DeliveryLease,
  DeliveryQuery,
  DeliveryQueue,
  PruneResult,
  QueueDepth,
  RequeueSelector,
  SenderStore,
  SubscriptionCandidate,
  SubscriptionPatch,
  SubscriptionQuery,
  TokenGrant,
  TokenRequest,
} from './store.js';
import { summariseAttempts } from './store-kit.js';
import type { Delivery, DeliveryAttempt, EventType, Page, StoredEvent, Subscription } from './types.js';

function copySubscription(subscription: Subscription): Subscription {
  return {
    ...subscription,
    events: [...subscription.events],
    secrets: subscription.secrets.map((secret) => ({ ...secret })),
    headers: { ...subscription.headers },
    metadata: { ...subscription.metadata },
    ...(subscription.retrySchedule ? { retrySchedule: [...subscription.retrySchedule] } : {}),
    ...(subscription.filter ? { filter: structuredClone(subscription.filter) } : {}),
  };
}

/** A delivery as callers see it: optional fields left out rather than undefined. */
function copyDelivery(d: Delivery): Delivery {
  const copy: Delivery = {
    id: d.id,
    eventId: d.eventId,
    subscriptionId: d.subscriptionId,
    tenant: d.tenant,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  if (d.leaseToken !== undefined) copy.leaseToken = d.leaseToken;
  if (d.lastStatus !== undefined) copy.lastStatus = d.lastStatus;
  if (d.lastError !== undefined) copy.lastError = d.lastError;
  return copy;
}

/** Items are sorted by id ascending; pages go forward (ascending) or backward (newest first). */
function pageOf<T extends { id: string }>(
  sorted: readonly T[],
  query: { limit: number; cursor?: string },
  descending: boolean,
  keep: (item: T) => boolean = () => true,
): Page<T> {
  const items: T[] = [];
  const step = descending ? -1 : 1;
  for (let i = descending ? sorted.length - 1 : 0; i >= 0 && i < sorted.length; i += step) {
    const item = sorted[i]!;
    if (query.cursor !== undefined && (descending ? item.id >= query.cursor : item.id <= query.cursor))
      continue;
    if (!keep(item)) continue;
    if (items.length === query.limit) return { items, nextCursor: items[items.length - 1]!.id };
    items.push(item);
  }
  return { items };
}

/**
 * Everything in process memory: for tests, examples and benchmarks. It is its own delivery queue
 * (a heap of due times). Nothing survives the process.
 */
export class MemoryStore implements SenderStore, DeliveryQueue {
  /** This store is also the delivery queue. */
  readonly queue: DeliveryQueue = this;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly subscriptionOrder: Subscription[] = [];
  private readonly byFilter = new Map<string, Set<string>>();
  /** The matching index per tenant: tenant → filter → subscription ids. */
  private readonly byTenantFilter = new Map<string, Map<string, Set<string>>>();
  private readonly subscriptionCounts = new Map<string, number>();
  private readonly eventTypes = new Map<string, EventType>();
  /** Event ids are unique per tenant: tenant (undefined for broadcasts) → id → event. */
  private readonly events = new Map<string | undefined, Map<string, StoredEvent>>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly deliveriesBySubscription = new Map<string, Delivery[]>();
  /** Keyed by the stored event object: an id alone no longer names one event. */
  private readonly deliveriesByEvent = new Map<StoredEvent, Delivery[]>();
  private readonly eventOfDelivery = new Map<string, StoredEvent>();
  private readonly attempts = new Map<string, DeliveryAttempt[]>();
  private readonly due = new DueHeap();
  private readonly buckets = new MemoryRateLimiter();

  // ----- subscriptions -----

  async insertSubscription(
    subscription: Subscription,
    options: { maxPerTenant?: number } = {},
  ): Promise<boolean> {
    if (this.subscriptions.has(subscription.id)) throw new Error(`Subscription ${subscription.id} exists.`);
    const count = this.subscriptionCounts.get(subscription.tenant) ?? 0;
    if (options.maxPerTenant !== undefined && count >= options.maxPerTenant) return false;
    const stored = copySubscription(subscription);
    this.subscriptions.set(stored.id, stored);
    this.subscriptionCounts.set(stored.tenant, count + 1);
    this.insertSorted(this.subscriptionOrder, stored);
    this.index(stored);
    return true;
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const subscription = this.subscriptions.get(id);
    return subscription && copySubscription(subscription);
  }

  async updateSubscription(id: string, patch: SubscriptionPatch): Promise<Subscription | undefined> {
    const current = this.subscriptions.get(id);
    if (!current) return undefined;
    this.unindex(current);
    const next = copySubscription({ ...current, ...patch } as Subscription);
    for (const key of Object.keys(patch) as (keyof SubscriptionPatch)[]) {
      if (patch[key] === undefined) delete next[key];
    }
    Object.assign(current, next);
    for (const key of Object.keys(current) as (keyof Subscription)[]) {
      if (!(key in next)) delete current[key];
    }
    this.index(current);
    return copySubscription(current);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    const current = this.subscriptions.get(id);
    if (!current) return false;
    this.unindex(current);
    this.subscriptions.delete(id);
    const count = (this.subscriptionCounts.get(current.tenant) ?? 1) - 1;
    if (count > 0) this.subscriptionCounts.set(current.tenant, count);
    else this.subscriptionCounts.delete(current.tenant);
    this.subscriptionOrder.splice(this.subscriptionOrder.indexOf(current), 1);
    return true;
  }

  async listSubscriptions(query: SubscriptionQuery): Promise<Page<Subscription>> {
    const page = pageOf(
      this.subscriptionOrder,
      query,
      false,
      (s) => query.tenant === undefined || s.tenant === query.tenant,
    );
    return { ...page, items: page.items.map(copySubscription) };
  }

  async findSubscriptions(
    filters: readonly string[],
    tenant?: string,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<Subscription[]> {
    const index = tenant === undefined ? this.byFilter : this.byTenantFilter.get(tenant);
    const found = new Map<string, Subscription>();
    if (!index) return [];
    for (const filter of filters) {
      for (const id of index.get(filter) ?? []) {
        const subscription = this.subscriptions.get(id)!;
        if (subscription.disabled) continue;
        found.set(id, subscription);
        if (found.size >= limit) return [...found.values()];
      }
    }
    return [...found.values()];
  }

  /**
   * The stored subscriptions themselves are lean enough (nothing to parse, shared snapshots the
   * sender only reads): the same look-up as `findSubscriptions`.
   */
  findCandidates(
    filters: readonly string[],
    tenant?: string,
    limit?: number,
  ): Promise<SubscriptionCandidate[]> {
    return this.findSubscriptions(filters, tenant, limit);
  }

  private index(subscription: Subscription): void {
    let forTenant = this.byTenantFilter.get(subscription.tenant);
    if (!forTenant) {
      forTenant = new Map();
      this.byTenantFilter.set(subscription.tenant, forTenant);
    }
    for (const filter of subscription.events) {
      for (const index of [this.byFilter, forTenant]) {
        const ids = index.get(filter);
        if (ids) ids.add(subscription.id);
        else index.set(filter, new Set([subscription.id]));
      }
    }
  }

  private unindex(subscription: Subscription): void {
    const forTenant = this.byTenantFilter.get(subscription.tenant);
    for (const filter of subscription.events) {
      for (const index of forTenant ? [this.byFilter, forTenant] : [this.byFilter]) {
        const ids = index.get(filter);
        ids?.delete(subscription.id);
        if (ids?.size === 0) index.delete(filter);
      }
    }
    if (forTenant?.size === 0) this.byTenantFilter.delete(subscription.tenant);
  }

  // ----- event types -----

  async putEventTypes(types: readonly EventType[]): Promise<void> {
    for (const type of types) this.eventTypes.set(type.name, structuredClone(type));
  }

  async listEventTypes(): Promise<EventType[]> {
    return [...this.eventTypes.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((type) => structuredClone(type));
  }

  // ----- events and deliveries -----

  async insertEvent(
    event: StoredEvent,
    deliveries: readonly Delivery[],
  ): Promise<{ created: boolean; event: StoredEvent; deliveries: number }> {
    let ofTenant = this.events.get(event.tenant);
    const existing = ofTenant?.get(event.id);
    if (existing) {
      return {
        created: false,
        event: { ...existing },
        deliveries: this.deliveriesByEvent.get(existing)?.length ?? 0,
      };
    }
    if (!ofTenant) {
      ofTenant = new Map();
      this.events.set(event.tenant, ofTenant);
    }
    const storedEvent = { ...event };
    ofTenant.set(event.id, storedEvent);
    const forEvent: Delivery[] = [];
    for (const delivery of deliveries) {
      // Every field present from the start (undefined when unset): objects keep one shape.
      const stored: Delivery = {
        leaseToken: undefined,
        lastStatus: undefined,
        lastError: undefined,
        ...delivery,
      } as Delivery;
      this.deliveries.set(stored.id, stored);
      this.eventOfDelivery.set(stored.id, storedEvent);
      forEvent.push(stored);
      this.insertSorted(this.listFor(this.deliveriesBySubscription, stored.subscriptionId), stored);
      if (stored.status === 'pending') this.due.push(stored.nextAttemptAt, stored.id);
    }
    this.deliveriesByEvent.set(storedEvent, forEvent);
    return { created: true, event: { ...event }, deliveries: deliveries.length };
  }

  async getEvent(id: string, tenant?: string): Promise<StoredEvent | undefined> {
    const event = this.events.get(tenant)?.get(id);
    return event && { ...event };
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const delivery = this.deliveries.get(id);
    return delivery && copyDelivery(delivery);
  }

  async listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>> {
    const page = pageOf(
      this.deliveriesBySubscription.get(query.subscriptionId) ?? [],
      query,
      true,
      (d) => query.status === undefined || d.status === query.status,
    );
    return { ...page, items: page.items.map(copyDelivery) };
  }

  async listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    return (this.attempts.get(deliveryId) ?? []).map((a) => ({ ...a }));
  }

  async loadJobs(deliveryIds: readonly string[]): Promise<DeliveryJob[]> {
    const jobs: DeliveryJob[] = [];
    for (const id of deliveryIds) {
      const delivery = this.deliveries.get(id);
      if (!delivery) continue;
      const subscription = this.subscriptions.get(delivery.subscriptionId);
      // Event and subscription are shared read-only snapshots (see DeliveryJob): no copies on the hot path.
      jobs.push({
        delivery: copyDelivery(delivery),
        event: this.eventOfDelivery.get(id)!,
        ...(subscription ? { subscription } : {}),
      });
    }
    return jobs;
  }

  async recordAttempts(records: readonly AttemptRecord[]): Promise<boolean[]> {
    return records.map((record) => {
      const delivery = this.deliveries.get(record.deliveryId);
      if (!delivery) return false;
      if (record.leaseToken !== undefined && delivery.leaseToken !== record.leaseToken) return false;
      if (record.attempt) {
        this.listFor(this.attempts, delivery.id).push({ ...record.attempt });
        delivery.attempts += 1;
      }
      delivery.status = record.status;
      delivery.nextAttemptAt = record.nextAttemptAt;
      delivery.updatedAt = record.updatedAt;
      delivery.leaseToken = undefined;
      delivery.lastStatus = record.lastStatus;
      delivery.lastError = record.lastError;
      if (delivery.status === 'pending') this.due.push(delivery.nextAttemptAt, delivery.id);
      return true;
    });
  }

  async requeueDeliveries(selector: RequeueSelector, now: number): Promise<Delivery[]> {
    let candidates: Delivery[];
    if ('deliveryId' in selector) {
      const delivery = this.deliveries.get(selector.deliveryId);
      candidates = delivery ? [delivery] : [];
    } else if ('eventId' in selector) {
      const event = this.events.get(selector.eventTenant)?.get(selector.eventId);
      candidates = ((event && this.deliveriesByEvent.get(event)) ?? []).filter(
        (d) => selector.subscriptionId === undefined || d.subscriptionId === selector.subscriptionId,
      );
    } else {
      candidates = (this.deliveriesBySubscription.get(selector.subscriptionId) ?? []).filter(
        (d) => d.status === 'failed' && d.createdAt >= selector.since,
      );
    }
    const requeued: Delivery[] = [];
    for (const delivery of candidates) {
      if (this.isLeased(delivery, now)) continue;
      delivery.status = 'pending';
      delivery.nextAttemptAt = now;
      delivery.updatedAt = now;
      delivery.leaseToken = undefined;
      this.due.push(now, delivery.id);
      requeued.push(copyDelivery(delivery));
    }
    return requeued;
  }

  async listDueDeliveries(before: number, limit: number): Promise<Delivery[]> {
    return [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && d.nextAttemptAt <= before)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
      .slice(0, limit)
      .map(copyDelivery);
  }

  async attemptStats(subscriptionId: string, since: number, until: number): Promise<AttemptStats> {
    const within: DeliveryAttempt[] = [];
    for (const delivery of this.deliveriesBySubscription.get(subscriptionId) ?? []) {
      for (const attempt of this.attempts.get(delivery.id) ?? []) {
        if (attempt.startedAt >= since && attempt.startedAt <= until) within.push(attempt);
      }
    }
    return summariseAttempts(within);
  }

  async firstPendingDeliveries(subscriptionIds: readonly string[]): Promise<Delivery[]> {
    const heads: Delivery[] = [];
    for (const id of new Set(subscriptionIds)) {
      // Sorted by id: the first pending one is the oldest.
      const head = this.deliveriesBySubscription.get(id)?.find((d) => d.status === 'pending');
      if (head) heads.push(copyDelivery(head));
    }
    return heads;
  }

  takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    return this.buckets.takeTokens(requests, now);
  }

  async prune(before: number): Promise<PruneResult> {
    const result: PruneResult = { attempts: 0, deliveries: 0, events: 0 };
    for (const [deliveryId, attempts] of this.attempts) {
      const kept = attempts.filter((a) => a.startedAt >= before);
      result.attempts += attempts.length - kept.length;
      if (kept.length === 0) this.attempts.delete(deliveryId);
      else this.attempts.set(deliveryId, kept);
    }
    for (const [tenant, events] of this.events) {
      for (const [id, event] of events) {
        const deliveries = this.deliveriesByEvent.get(event) ?? [];
        if (event.createdAt >= before || deliveries.some((d) => d.status === 'pending')) continue;
        for (const delivery of deliveries) {
          this.deliveries.delete(delivery.id);
          this.eventOfDelivery.delete(delivery.id);
          result.attempts += this.attempts.get(delivery.id)?.length ?? 0;
          this.attempts.delete(delivery.id);
          const list = this.deliveriesBySubscription.get(delivery.subscriptionId);
          list?.splice(list.indexOf(delivery), 1);
          if (list?.length === 0) this.deliveriesBySubscription.delete(delivery.subscriptionId);
        }
        result.deliveries += deliveries.length;
        result.events += 1;
        this.deliveriesByEvent.delete(event);
        events.delete(id);
      }
      if (events.size === 0) this.events.delete(tenant);
    }
    return result;
  }

  // ----- the queue -----

  async promote(deliveryId: string, now: number): Promise<void> {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery?.status !== 'pending' || delivery.leaseToken !== undefined) return;
    if (delivery.nextAttemptAt <= now) return;
    delivery.nextAttemptAt = now;
    this.due.push(now, delivery.id);
  }

  async depth(now: number): Promise<QueueDepth> {
    const depth = { due: 0, scheduled: 0 };
    for (const delivery of this.deliveries.values()) {
      if (delivery.status !== 'pending' || this.isLeased(delivery, now)) continue;
      if (delivery.nextAttemptAt <= now) depth.due++;
      else depth.scheduled++;
    }
    return depth;
  }

  async schedule(): Promise<void> {
    // The delivery records are the queue: nothing to do.
  }

  async claim(options: ClaimOptions): Promise<DeliveryLease[]> {
    const leases: DeliveryLease[] = [];
    const skipped: Delivery[] = [];
    while (leases.length < options.limit) {
      const top = this.due.peekTime();
      if (top === undefined || top > options.now) break;
      const { time, id } = this.due.pop()!;
      const delivery = this.deliveries.get(id);
      // Lazy deletion: an entry is live only while it matches the delivery's current due time.
      if (delivery?.status !== 'pending' || delivery.nextAttemptAt !== time) continue;
      if (options.skipSubscriptions?.has(delivery.subscriptionId)) {
        skipped.push(delivery);
        continue;
      }
      const token = newToken();
      delivery.leaseToken = token;
      delivery.nextAttemptAt = options.now + options.leaseMs;
      this.due.push(delivery.nextAttemptAt, id);
      leases.push({ deliveryId: id, token });
    }
    for (const delivery of skipped) this.due.push(delivery.nextAttemptAt, delivery.id);
    return leases;
  }

  async release(lease: DeliveryLease, runAt: number): Promise<void> {
    const delivery = this.deliveries.get(lease.deliveryId);
    if (!delivery || delivery.leaseToken !== lease.token) return;
    delivery.leaseToken = undefined;
    delivery.nextAttemptAt = runAt;
    if (delivery.status === 'pending') this.due.push(runAt, delivery.id);
  }

  async settle(): Promise<void> {
    // recordAttempts already cleared the lease and set the next due time.
  }

  async nextDueIn(now: number): Promise<number | undefined> {
    const top = this.due.peekTime();
    return top === undefined ? undefined : Math.max(0, top - now);
  }

  // ----- helpers -----

  private isLeased(delivery: Delivery, now: number): boolean {
    return delivery.leaseToken !== undefined && delivery.status === 'pending' && delivery.nextAttemptAt > now;
  }

  private listFor<T>(map: Map<string, T[]>, key: string): T[] {
    const list = map.get(key);
    if (list) return list;
    const created: T[] = [];
    map.set(key, created);
    return created;
  }

  private insertSorted<T extends { id: string }>(list: T[], item: T): void {
    let i = list.length;
    while (i > 0 && list[i - 1]!.id > item.id) i--;
    list.splice(i, 0, item);
  }
}

export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
