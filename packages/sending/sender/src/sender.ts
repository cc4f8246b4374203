import {
  candidateFilters,
  DEFAULT_RETRY_SCHEDULE,
  generateStandardSecret,
  WebhookConfigError,
} from '@hookwire/core';
import type { Dispatcher } from 'undici';
import { invalid, SenderError } from './errors.js';
import { runHook, type SenderHooks, withoutSecrets } from './hooks.js';
import { HttpClient } from './http.js';
import { newId } from './ids.js';
import { validateJsonSchema } from './json-schema.js';
import { type OwnershipCheck, verifyOwnership } from './ownership.js';
import { AddressGuard, type Resolver } from './ssrf.js';
import {
  type DeliveryQueue,
  isDeliveryQueue,
  type RequeueSelector,
  type SenderStore,
  type SubscriptionPatch,
  scheduleDeliveries,
} from './store.js';
import type { Delivery, DeliveryAttempt, EventType, Page, StoredEvent, Subscription } from './types.js';
import {
  type SubscriptionInput,
  type SubscriptionUpdate,
  validateEventId,
  validateEventType,
  validateRetrySchedule,
  validateSecret,
  validateSubscriptionInput,
  validateSubscriptionUpdate,
} from './validation.js';
import { DeliveryWorker } from './worker.js';

declare const __HOOKWIRE_SENDER_VERSION__: string | undefined;
export const SENDER_VERSION: string =
  typeof __HOOKWIRE_SENDER_VERSION__ === 'string' ? __HOOKWIRE_SENDER_VERSION__ : '0.0.0-dev';

export interface SenderOptions extends SenderHooks {
  /** Where subscriptions, events, deliveries and the log live. */
  store: SenderStore;
  /** Hands deliveries to workers; defaults to the store when the store is its own queue. */
  queue?: DeliveryQueue;
  /** An event-type catalogue: when it has entries, publishing another type is refused. */
  eventTypes?: readonly EventType[];
  /** Lets subscriptions and deliveries reach loopback and private addresses (local development only). */
  allowPrivateNetwork?: boolean;
  /** Replaces the system DNS resolver for the SSRF guard (tests, custom DNS). */
  resolve?: Resolver;
  /** Delays in seconds between attempts; default core's `DEFAULT_RETRY_SCHEDULE` (5 s … 10 h, 8 attempts). */
  retrySchedule?: readonly number[];
  /** Random spread of each delay, 0.2 = ±20 % (default). */
  jitter?: number;
  random?: () => number;
  /** A honoured `Retry-After` (429, 503) is clamped to these bounds in ms (default 1 s and 1 h). */
  retryAfterMinMs?: number;
  retryAfterMaxMs?: number;
  /** Attempts in flight at once, overall (default 50) and per subscription (default 10). */
  concurrency?: number;
  perSubscriptionConcurrency?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Whole attempt, response body included; default 15000 ms. */
  timeoutMs?: number;
  /** Response bytes kept for the log; default 65536. */
  maxResponseBytes?: number;
  /** A worker that does not report within this time is presumed dead; default timeout + 15 s. */
  leaseMs?: number;
  /** How often idle workers look for due deliveries (default 1000 ms). */
  pollIntervalMs?: number;
  /** With an external queue: how often overdue pending deliveries are fed to it again (default 60 s). */
  sweepIntervalMs?: number;
  /** How long a rotated-out secret keeps signing (default 24 h). */
  rotationGraceMs?: number;
  /** A subscription without a success for this long is disabled (default 5 days). */
  disableAfterMs?: number;
  /** Ownership check at registration (off by default). */
  verifyOwnership?: OwnershipCheck | readonly OwnershipCheck[] | false;
  /** Largest accepted event `data`, serialised (default 256 KiB). */
  maxPayloadBytes?: number;
  userAgent?: string;
  /** Clock in ms (tests pin it). */
  now?: () => number;
  /** Replaces the guarded undici Agent (the SSRF guard then only checks literal addresses). */
  dispatcher?: Dispatcher;
}

export interface PublishInput {
  type: string;
  data?: unknown;
  /** Makes publish idempotent: the same id is stored (and delivered) once. Default `evt_…`. */
  id?: string;
  /** Only this tenant's subscriptions receive the event; every tenant's when absent. */
  tenant?: string;
}

export interface PublishResult {
  id: string;
  /** Number of deliveries (matching subscriptions). */
  deliveries: number;
  /** False when an event with this id had already been published. */
  created: boolean;
}

/** Restricts an operation to one tenant's resources (another tenant's are "not found"). */
export interface Scope {
  tenant?: string;
}

const DEFAULT_TENANT = 'default';

/**
 * The sending side: subscriptions, publish with fan-out, signed durable delivery with retries and
 * a delivery log. Create it with `createSender`, call `start()` to run the delivery worker.
 */
export class Sender {
  readonly store: SenderStore;
  readonly queue: DeliveryQueue;
  readonly guard: AddressGuard;
  private readonly http: HttpClient;
  private readonly worker: DeliveryWorker;
  private readonly hooks: SenderHooks;
  private readonly now: () => number;
  private readonly rotationGraceMs: number;
  private readonly ownershipChecks: readonly OwnershipCheck[];
  private readonly maxPayloadBytes: number;
  private readonly userAgent: string;
  private readonly initialEventTypes: readonly EventType[] | undefined;
  private catalogue: Promise<Map<string, EventType>> | undefined;

  constructor(options: SenderOptions) {
    if (!options?.store) throw new WebhookConfigError('createSender: the `store` option is required.');
    const queue = options.queue ?? (isDeliveryQueue(options.store) ? options.store : undefined);
    if (!queue) {
      throw new WebhookConfigError(
        'createSender: this store is not a delivery queue; pass `queue` (for example a BullMQ queue).',
      );
    }
    const positive = (name: string, value: number | undefined, fallback: number) => {
      if (value === undefined) return fallback;
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new WebhookConfigError(`createSender: \`${name}\` must be a positive number.`);
      }
      return value;
    };
    const schedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
    try {
      validateRetrySchedule([...schedule]);
    } catch (error) {
      throw new WebhookConfigError(`createSender: ${(error as Error).message}`);
    }
    this.store = options.store;
    this.queue = queue;
    this.hooks = options;
    this.now = options.now ?? Date.now;
    this.rotationGraceMs = positive('rotationGraceMs', options.rotationGraceMs, 24 * 3_600_000);
    this.maxPayloadBytes = positive('maxPayloadBytes', options.maxPayloadBytes, 256 * 1024);
    this.userAgent = options.userAgent ?? `Hookwire/${SENDER_VERSION}`;
    this.initialEventTypes = options.eventTypes;
    const checks = options.verifyOwnership;
    this.ownershipChecks = !checks ? [] : typeof checks === 'string' ? [checks] : checks;
    this.guard = new AddressGuard({
      allowPrivateNetwork: options.allowPrivateNetwork === true,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    const timeoutMs = positive('timeoutMs', options.timeoutMs, 15_000);
    this.http = new HttpClient({
      guard: this.guard,
      connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 5_000),
      timeoutMs,
      maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, 64 * 1024),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    this.worker = new DeliveryWorker({
      store: this.store,
      queue,
      storeIsQueue: (queue as unknown) === options.store,
      http: this.http,
      hooks: options,
      now: this.now,
      disableSubscription: (subscription, reason) => this.disable(subscription, reason),
      settings: {
        concurrency: positive('concurrency', options.concurrency, 50),
        perSubscriptionConcurrency: positive(
          'perSubscriptionConcurrency',
          options.perSubscriptionConcurrency,
          10,
        ),
        leaseMs: positive('leaseMs', options.leaseMs, timeoutMs + 15_000),
        pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 1_000),
        sweepIntervalMs: positive('sweepIntervalMs', options.sweepIntervalMs, 60_000),
        disableAfterMs: positive('disableAfterMs', options.disableAfterMs, 5 * 24 * 3_600_000),
        userAgent: this.userAgent,
        policy: {
          schedule,
          jitter: options.jitter ?? 0.2,
          random: options.random ?? Math.random,
          retryAfterMinMs: options.retryAfterMinMs ?? 1_000,
          retryAfterMaxMs: options.retryAfterMaxMs ?? 3_600_000,
        },
      },
    });
  }

  // ----- lifecycle -----

  /** Starts delivering (stores the event-type catalogue first when one was given). */
  async start(): Promise<void> {
    await this.eventTypeMap();
    this.worker.start();
  }

  /** Stops claiming deliveries and waits for the attempts in flight. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** Stops, then closes the HTTP pools, the queue and the store. */
  async close(): Promise<void> {
    await this.stop();
    await this.http.close();
    if ((this.queue as unknown) !== this.store) await this.queue.close?.();
    await this.store.close?.();
  }

  // ----- event types -----

  /** Adds or replaces entries of the catalogue. */
  async defineEventTypes(types: readonly EventType[]): Promise<void> {
    types.forEach((type, index) => {
      validateEventType(type?.name, `eventTypes[${index}].name`);
      if (type.schema !== undefined && (typeof type.schema !== 'object' || type.schema === null)) {
        throw invalid(`eventTypes[${index}].schema`, 'An event type schema must be a JSON Schema object.');
      }
    });
    await this.eventTypeMap();
    await this.store.putEventTypes(types);
    this.catalogue = undefined;
  }

  async listEventTypes(): Promise<EventType[]> {
    return [...(await this.eventTypeMap()).values()];
  }

  private eventTypeMap(): Promise<Map<string, EventType>> {
    this.catalogue ??= (async () => {
      if (this.initialEventTypes?.length) await this.store.putEventTypes(this.initialEventTypes);
      const types = await this.store.listEventTypes();
      return new Map(types.map((type) => [type.name, type]));
    })();
    this.catalogue.catch(() => {
      this.catalogue = undefined;
    });
    return this.catalogue;
  }

  // ----- subscriptions -----

  /** Validates, checks the URL against the SSRF guard (and ownership when enabled), stores. */
  async createSubscription(input: SubscriptionInput, scope: Scope = {}): Promise<Subscription> {
    const types = await this.eventTypeMap();
    const valid = validateSubscriptionInput(input, new Set(types.keys()));
    await this.guard.checkUrl(valid.url);
    const now = this.now();
    const format = valid.format ?? 'standard';
    const subscription: Subscription = {
      id: newId('sub', now),
      tenant: scope.tenant ?? DEFAULT_TENANT,
      url: valid.url,
      events: valid.events,
      secrets: [{ secret: valid.secret ?? generateStandardSecret(32), createdAt: now }],
      headers: valid.headers ?? {},
      metadata: valid.metadata ?? {},
      ...(valid.description !== undefined ? { description: valid.description } : {}),
      format,
      ...(valid.retrySchedule ? { retrySchedule: valid.retrySchedule } : {}),
      disabled: valid.disabled ?? false,
      ...(valid.disabled ? { disabledReason: 'created disabled' } : {}),
      createdAt: now,
      updatedAt: now,
    };
    if (this.ownershipChecks.length > 0) {
      await verifyOwnership(this.http, subscription, this.ownershipChecks, now, this.userAgent);
    }
    await this.store.insertSubscription(subscription);
    return subscription;
  }

  /** The subscription (secrets included: strip them before showing it), or a `not_found` error. */
  async getSubscription(id: string, scope: Scope = {}): Promise<Subscription> {
    const subscription = await this.store.getSubscription(id);
    if (!subscription || (scope.tenant !== undefined && subscription.tenant !== scope.tenant)) {
      throw new SenderError('not_found', `No subscription ${id}.`);
    }
    return subscription;
  }

  async listSubscriptions(
    query: Scope & { limit?: number; cursor?: string } = {},
  ): Promise<Page<Subscription>> {
    return this.store.listSubscriptions({
      limit: query.limit ?? 100,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      ...(query.tenant !== undefined ? { tenant: query.tenant } : {}),
    });
  }

  async updateSubscription(id: string, update: SubscriptionUpdate, scope: Scope = {}): Promise<Subscription> {
    const current = await this.getSubscription(id, scope);
    const types = await this.eventTypeMap();
    const valid = validateSubscriptionUpdate(update, new Set(types.keys()));
    if (valid.url !== undefined && valid.url !== current.url) await this.guard.checkUrl(valid.url);
    const patch: SubscriptionPatch = { updatedAt: this.now() };
    if (valid.url !== undefined) patch.url = valid.url;
    if (valid.events !== undefined) patch.events = valid.events;
    if (valid.headers !== undefined) patch.headers = valid.headers;
    if (valid.metadata !== undefined) patch.metadata = valid.metadata;
    if (valid.description !== undefined) patch.description = valid.description ?? undefined;
    if (valid.retrySchedule !== undefined) patch.retrySchedule = valid.retrySchedule ?? undefined;
    if (valid.format !== undefined) {
      if (valid.format === 'standard') validateSecret(current.secrets[0]!.secret, 'standard');
      patch.format = valid.format;
    }
    if (valid.disabled === true && !current.disabled) {
      patch.disabled = true;
      patch.disabledReason = 'disabled by its owner';
    } else if (valid.disabled === false && current.disabled) {
      // Re-enabling starts the failure clock afresh.
      Object.assign(patch, { disabled: false, disabledReason: undefined, failingSince: undefined });
    }
    const updated = await this.store.updateSubscription(id, patch);
    if (!updated) throw new SenderError('not_found', `No subscription ${id}.`);
    return updated;
  }

  async deleteSubscription(id: string, scope: Scope = {}): Promise<void> {
    await this.getSubscription(id, scope);
    await this.store.deleteSubscription(id);
  }

  /**
   * Issues a new secret (or installs `secret`); the previous ones keep signing for `graceMs`
   * (default `rotationGraceMs`, 24 h), so every delivery meanwhile carries both signatures.
   */
  async rotateSecret(
    id: string,
    options: Scope & { secret?: string; graceMs?: number } = {},
  ): Promise<Subscription> {
    const current = await this.getSubscription(id, options);
    const now = this.now();
    const secret =
      options.secret === undefined
        ? generateStandardSecret(32)
        : validateSecret(options.secret, current.format);
    const graceMs = options.graceMs ?? this.rotationGraceMs;
    const kept = current.secrets
      .filter((s) => s.expiresAt === undefined || s.expiresAt > now)
      .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt ?? Number.POSITIVE_INFINITY, now + graceMs) }))
      .filter((s) => s.expiresAt > now);
    const updated = await this.store.updateSubscription(id, {
      secrets: [{ secret, createdAt: now }, ...kept],
      updatedAt: now,
    });
    if (!updated) throw new SenderError('not_found', `No subscription ${id}.`);
    return updated;
  }

  private async disable(subscription: Subscription, reason: string): Promise<void> {
    const current = await this.store.getSubscription(subscription.id);
    if (!current || current.disabled) return;
    const updated = await this.store.updateSubscription(subscription.id, {
      disabled: true,
      disabledReason: reason,
      updatedAt: this.now(),
    });
    if (updated)
      runHook(this.hooks, this.hooks.onSubscriptionDisabled, {
        subscription: withoutSecrets(updated),
        reason,
      });
  }

  // ----- publishing -----

  /**
   * Stores the event and one delivery per matching enabled subscription in one transaction, then
   * wakes the worker. Idempotent on `id`. Resolves once everything is stored.
   */
  async publish(input: PublishInput): Promise<PublishResult> {
    if (typeof input !== 'object' || input === null)
      throw invalid('body', 'publish takes { type, data, id?, tenant? }.');
    const type = validateEventType(input.type);
    const id = input.id === undefined ? undefined : validateEventId(input.id);
    const tenant = input.tenant;
    if (tenant !== undefined && (typeof tenant !== 'string' || tenant.length === 0)) {
      throw invalid('tenant', '"tenant" must be a non-empty string.');
    }
    const data = input.data === undefined ? null : input.data;
    const types = await this.eventTypeMap();
    if (types.size > 0) {
      const known = types.get(type);
      if (!known)
        throw new SenderError('unknown_event_type', `"${type}" is not in the event-type catalogue.`, {
          field: 'type',
        });
      if (known.schema) {
        const problem = validateJsonSchema(known.schema, data);
        if (problem)
          throw invalid(
            problem.path,
            `The event data does not match the ${type} schema: ${problem.message}.`,
          );
      }
    }
    let size: number;
    try {
      size = Buffer.byteLength(JSON.stringify(data));
    } catch {
      throw invalid('data', '"data" must be serialisable as JSON.');
    }
    if (size > this.maxPayloadBytes)
      throw invalid('data', `"data" is ${size} bytes; the limit is ${this.maxPayloadBytes}.`);

    const now = this.now();
    const event: StoredEvent = { id: id ?? newId('evt', now), type, data, createdAt: now };
    if (tenant !== undefined) event.tenant = tenant;
    if (id !== undefined) {
      const existing = await this.store.getEvent(id);
      if (existing) return this.alreadyPublished(existing, tenant);
    }
    const subscriptions = await this.store.findSubscriptions(candidateFilters(type), tenant);
    const deliveries: Delivery[] = subscriptions.map((subscription) => ({
      id: newId('dlv', now),
      eventId: event.id,
      subscriptionId: subscription.id,
      tenant: subscription.tenant,
      eventType: type,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    const result = await this.store.insertEvent(event, deliveries);
    if (!result.created) return this.alreadyPublished(result.event, tenant, result.deliveries);
    await this.handOut(deliveries);
    return { id: event.id, deliveries: deliveries.length, created: true };
  }

  private async alreadyPublished(
    existing: StoredEvent,
    tenant: string | undefined,
    count?: number,
  ): Promise<PublishResult> {
    if (existing.tenant !== tenant) {
      throw new SenderError('conflict', `The event id ${existing.id} is already used by another publisher.`, {
        field: 'id',
      });
    }
    const deliveries = count ?? (await this.store.insertEvent(existing, [])).deliveries;
    return { id: existing.id, deliveries, created: false };
  }

  // ----- delivery log and recovery -----

  async getDelivery(id: string, scope: Scope = {}): Promise<Delivery> {
    const delivery = await this.store.getDelivery(id);
    if (!delivery || (scope.tenant !== undefined && delivery.tenant !== scope.tenant)) {
      throw new SenderError('not_found', `No delivery ${id}.`);
    }
    return delivery;
  }

  async listAttempts(deliveryId: string, scope: Scope = {}): Promise<DeliveryAttempt[]> {
    await this.getDelivery(deliveryId, scope);
    return this.store.listAttempts(deliveryId);
  }

  /** A subscription's deliveries, newest first. */
  async listDeliveries(
    subscriptionId: string,
    query: Scope & { limit?: number; cursor?: string; status?: Delivery['status'] } = {},
  ): Promise<Page<Delivery>> {
    await this.getSubscription(subscriptionId, query);
    return this.store.listDeliveries({
      subscriptionId,
      limit: query.limit ?? 100,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    });
  }

  /** Attempts one delivery again now (whatever its state, unless it is in flight: `conflict`). */
  async retryDelivery(id: string, scope: Scope = {}): Promise<Delivery> {
    await this.getDelivery(id, scope);
    const [delivery] = await this.requeue({ deliveryId: id });
    if (!delivery)
      throw new SenderError('conflict', `Delivery ${id} is being attempted right now; try again shortly.`);
    return delivery;
  }

  /** Attempts again every failed delivery of a subscription created since `since` (ms). */
  async recoverFailedDeliveries(subscriptionId: string, since: number, scope: Scope = {}): Promise<number> {
    await this.getSubscription(subscriptionId, scope);
    return (await this.requeue({ subscriptionId, status: 'failed', since })).length;
  }

  /** Sends an event again to every subscription it went to (or only `subscriptionId`). */
  async redeliverEvent(eventId: string, options: Scope & { subscriptionId?: string } = {}): Promise<number> {
    const event = await this.store.getEvent(eventId);
    if (
      !event ||
      (options.tenant !== undefined && event.tenant !== undefined && event.tenant !== options.tenant)
    ) {
      throw new SenderError('not_found', `No event ${eventId}.`);
    }
    let subscriptionId = options.subscriptionId;
    if (subscriptionId !== undefined) await this.getSubscription(subscriptionId, options);
    else if (options.tenant !== undefined && event.tenant === undefined) {
      throw invalid(
        'subscriptionId',
        'This event went to several tenants: name the subscription to redeliver to.',
      );
    }
    subscriptionId ??= undefined;
    return (await this.requeue(subscriptionId === undefined ? { eventId } : { eventId, subscriptionId }))
      .length;
  }

  private async requeue(selector: RequeueSelector): Promise<Delivery[]> {
    const deliveries = await this.store.requeueDeliveries(selector, this.now());
    await this.handOut(deliveries);
    return deliveries;
  }

  /** Gives new or requeued deliveries to an external queue (a store that is its own queue has them) and wakes the worker. */
  private async handOut(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    if ((this.queue as unknown) !== this.store) await scheduleDeliveries(this.queue, deliveries);
    this.worker.wake();
  }
}

export function createSender(options: SenderOptions): Sender {
  return new Sender(options);
}
