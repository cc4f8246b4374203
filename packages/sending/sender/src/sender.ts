import { WebhookConfigError } from '@hookwire/core';
import { Admission } from './admission.js';
import { Deliveries } from './deliveries.js';
import { EndpointTools, type ExampleAttempt, type SubscriptionStats } from './endpoint-tools.js';
import { EventTypeCatalogue, type EventTypeUpdate } from './event-types.js';
import { runHook } from './hooks.js';
import { HttpClient } from './http.js';
import { OperationalEvents, resolveOperational } from './operational.js';
import { resolveSettings, type SenderOptions } from './options.js';
import { type BroadcastInput, Publisher, type PublishInput, type PublishResult } from './publishing.js';
import { QueueMode } from './queue-mode.js';
import { MemoryRateLimiter } from './rate-limit.js';
import type { Scope } from './scope.js';
import { AddressGuard } from './ssrf.js';
import type { DeliveryQueue, RateLimiter, SenderStore } from './store.js';
import { Subscriptions } from './subscriptions.js';
import { Telemetry } from './telemetry.js';
import type { Delivery, DeliveryAttempt, EventType, Page, Subscription } from './types.js';
import type { SubscriptionInput, SubscriptionUpdate } from './validation.js';
import { DeliveryWorker } from './worker.js';

export type { ExampleAttempt, SubscriptionStats } from './endpoint-tools.js';
export type { EventTypeUpdate } from './event-types.js';
export { SENDER_VERSION, type SenderOptions } from './options.js';
export type { BroadcastInput, PublishInput, PublishResult } from './publishing.js';
export type { Scope } from './scope.js';

/**
 * The sending side: subscriptions, publish with fan-out, signed durable delivery with retries and
 * a delivery log. Create it with `createSender`, call `start()` to run the delivery worker.
 *
 * A thin front over parts with one job each: `Subscriptions` (and their secrets), `Publisher`,
 * `Deliveries` (the log and requeues) with the `DeliveryWorker`, over one `QueueMode`.
 */
export class Sender {
  readonly store: SenderStore;
  readonly queue: DeliveryQueue;
  readonly guard: AddressGuard;
  private readonly mode: QueueMode;
  private readonly http: HttpClient;
  private readonly worker: DeliveryWorker;
  private readonly catalogue: EventTypeCatalogue;
  private readonly subscriptions: Subscriptions;
  private readonly deliveries: Deliveries;
  private readonly publisher: Publisher;
  private readonly tools: EndpointTools;
  private readonly telemetry: Telemetry;

  constructor(options: SenderOptions) {
    if (!options?.store) throw new WebhookConfigError('createSender: the `store` option is required.');
    const mode = QueueMode.resolve(options.store, options.queue);
    const settings = resolveSettings(options);
    const { store } = options;
    const { now } = settings;
    this.store = store;
    this.mode = mode;
    this.queue = mode.queue;
    this.guard = new AddressGuard({
      allowPrivateNetwork: options.allowPrivateNetwork === true,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    this.http = new HttpClient({
      guard: this.guard,
      connectTimeoutMs: settings.connectTimeoutMs,
      timeoutMs: settings.timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    this.catalogue = new EventTypeCatalogue(store, options.eventTypes);
    const telemetry = new Telemetry(now);
    this.telemetry = telemetry;
    telemetry.observeQueue(mode.queue.depth ? (at) => mode.queue.depth!(at) : undefined);
    const operational = new OperationalEvents(resolveOperational(options.operationalEvents), (error) =>
      runHook(options, options.onError, error),
    );
    const limiter =
      options.rateLimiter ?? sharedLimiter(mode.queue) ?? sharedLimiter(store) ?? new MemoryRateLimiter();
    const subscriptions = new Subscriptions({
      store,
      catalogue: this.catalogue,
      guard: this.guard,
      http: this.http,
      hooks: options,
      now,
      userAgent: settings.userAgent,
      rotationGraceMs: settings.rotationGraceMs,
      ownershipChecks: settings.ownershipChecks,
      maxSubscriptionsPerTenant: settings.maxSubscriptionsPerTenant,
      operational,
      telemetry,
    });
    this.subscriptions = subscriptions;
    this.worker = new DeliveryWorker({
      store,
      mode,
      http: this.http,
      hooks: options,
      now,
      disableSubscription: (subscription, reason) => subscriptions.disable(subscription, reason),
      settings: settings.worker,
      admission: new Admission(store, limiter),
      telemetry,
      operational,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.tools = new EndpointTools({
      store,
      catalogue: this.catalogue,
      subscriptions,
      http: this.http,
      now,
      userAgent: settings.userAgent,
    });
    this.deliveries = new Deliveries({ store, mode, worker: this.worker, subscriptions, now });
    this.publisher = new Publisher({
      store,
      catalogue: this.catalogue,
      deliveries: this.deliveries,
      now,
      maxPayloadBytes: settings.maxPayloadBytes,
      maxFanOutPerEvent: settings.maxFanOutPerEvent,
      telemetry,
    });
    const publisher = this.publisher;
    operational.bind((type, data, tenant) => publisher.publishOperational(type, data, tenant));
  }

  // ----- lifecycle -----

  /** Starts delivering (stores the event-type catalogue first when one was given). */
  async start(): Promise<void> {
    await this.telemetry.ready;
    await this.catalogue.byName();
    this.worker.start();
  }

  /** Stops claiming deliveries and waits for the attempts in flight. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** Stops, then closes the HTTP pools, the queue and the store. */
  async close(): Promise<void> {
    await this.stop();
    this.telemetry.close();
    await this.http.close();
    await this.mode.close();
    await this.store.close?.();
  }

  // ----- event types -----

  /** Adds or replaces entries of the catalogue. */
  defineEventTypes(types: readonly EventType[]): Promise<void> {
    return this.catalogue.define(types);
  }

  /** Adds or replaces one entry (errors name its fields without an index: `schema.$ref`). */
  defineEventType(type: EventType): Promise<void> {
    return this.catalogue.define([type], () => '');
  }

  listEventTypes(): Promise<EventType[]> {
    return this.catalogue.list();
  }

  /** One catalogue entry, or a `not_found` error. */
  getEventType(name: string): Promise<EventType> {
    return this.catalogue.get(name);
  }

  /** Changes one entry (`null` clears a field; `deprecated: true` deprecates it). */
  updateEventType(name: string, update: EventTypeUpdate): Promise<EventType> {
    return this.catalogue.update(name, update);
  }

  /** A sample `data` of the type: its `example`, else one derived from its schema. */
  eventTypeExample(name: string): Promise<unknown> {
    return this.catalogue.example(name);
  }

  // ----- subscriptions and secrets -----

  /** Validates, checks the URL against the SSRF guard (and ownership when enabled), stores. */
  createSubscription(input: SubscriptionInput, scope: Scope = {}): Promise<Subscription> {
    return this.subscriptions.create(input, scope);
  }

  /** The subscription (secrets included: strip them before showing it), or a `not_found` error. */
  getSubscription(id: string, scope: Scope = {}): Promise<Subscription> {
    return this.subscriptions.get(id, scope);
  }

  listSubscriptions(query: Scope & { limit?: number; cursor?: string } = {}): Promise<Page<Subscription>> {
    return this.subscriptions.list(query);
  }

  updateSubscription(id: string, update: SubscriptionUpdate, scope: Scope = {}): Promise<Subscription> {
    return this.subscriptions.update(id, update, scope);
  }

  deleteSubscription(id: string, scope: Scope = {}): Promise<void> {
    return this.subscriptions.delete(id, scope);
  }

  /**
   * Issues a new secret (or installs `secret`); the previous ones keep signing for `graceMs`
   * (default `rotationGraceMs`, 24 h), so every delivery meanwhile carries both signatures.
   */
  rotateSecret(
    id: string,
    options: Scope & { secret?: string; graceMs?: number } = {},
  ): Promise<Subscription> {
    return this.subscriptions.rotateSecret(id, options);
  }

  /** Whether `data` passes the subscription's payload filter (always, without one). */
  testFilter(id: string, data: unknown, scope: Scope = {}): Promise<boolean> {
    return this.tools.testFilter(id, data, scope);
  }

  /** Sends one signed example event of `type` to the subscription now, outside the log; answers the attempt. */
  sendExample(
    id: string,
    input: { type: string; data?: unknown },
    scope: Scope = {},
  ): Promise<ExampleAttempt> {
    return this.tools.sendExample(id, input, scope);
  }

  /** Attempts, successes, failures and latency percentiles over the last hour and day. */
  subscriptionStats(id: string, scope: Scope = {}): Promise<SubscriptionStats> {
    return this.tools.stats(id, scope);
  }

  // ----- publishing -----

  /**
   * Stores the event and one delivery per matching enabled subscription of its tenant (`tenant`,
   * else the default tenant) in one transaction, then wakes the worker. Idempotent on `id` within
   * the tenant. Resolves once everything is stored.
   */
  publish(input: PublishInput): Promise<PublishResult> {
    return this.publisher.publish(input);
  }

  /**
   * Like `publish`, to the matching subscriptions of every tenant (ASP.NET's `NotifyAllAsync`).
   * Idempotent on `id` among broadcasts.
   */
  broadcast(input: BroadcastInput): Promise<PublishResult> {
    return this.publisher.broadcast(input);
  }

  // ----- delivery log and recovery -----

  getDelivery(id: string, scope: Scope = {}): Promise<Delivery> {
    return this.deliveries.get(id, scope);
  }

  listAttempts(deliveryId: string, scope: Scope = {}): Promise<DeliveryAttempt[]> {
    return this.deliveries.listAttempts(deliveryId, scope);
  }

  /** A subscription's deliveries, newest first. */
  listDeliveries(
    subscriptionId: string,
    query: Scope & { limit?: number; cursor?: string; status?: Delivery['status'] } = {},
  ): Promise<Page<Delivery>> {
    return this.deliveries.list(subscriptionId, query);
  }

  /** Attempts one delivery again now (whatever its state, unless it is in flight: `conflict`). */
  retryDelivery(id: string, scope: Scope = {}): Promise<Delivery> {
    return this.deliveries.retry(id, scope);
  }

  /** Attempts again every failed delivery of a subscription created since `since` (ms). */
  recoverFailedDeliveries(subscriptionId: string, since: number, scope: Scope = {}): Promise<number> {
    return this.deliveries.recoverFailed(subscriptionId, since, scope);
  }

  /** Sends an event again to every subscription it went to (or only `subscriptionId`). */
  redeliverEvent(eventId: string, options: Scope & { subscriptionId?: string } = {}): Promise<number> {
    return this.deliveries.redeliverEvent(eventId, options);
  }
}

/** The backend's own token buckets, shared by every worker using it. */
function sharedLimiter(backend: Partial<RateLimiter>): RateLimiter | undefined {
  const take = backend.takeTokens;
  return take ? { takeTokens: (requests, now) => take.call(backend, requests, now) } : undefined;
}

export function createSender(options: SenderOptions): Sender {
  return new Sender(options);
}
